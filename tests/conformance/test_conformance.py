"""Differential conformance suite: the same IMAP requests to roostd and to a private Dovecot
over the same Maildir (every message of ../shared/corpus), answers compared after the
normalisations of rules.py (each one explained in DIFFERENCES.md).

Categories run one after the other and are reported separately, so that a missing feature
fails its own category only. Prints per category `N passed, M failed` with the first few
differences, then the total; exits 1 on any unexplained difference.

Environment: ROOSTD/ROOSTADM (from meson), DOVECOT (default: dovecot on PATH or
/usr/sbin/dovecot), ROOST_TEST_CORPUS (default ../shared/corpus), ROOST_TEST_KEEP=1 keeps the
temp dirs, CONFORMANCE_ONLY=cat1,cat2 runs only some categories (the others still set up
what later ones need), CONFORMANCE_SHOW=N differences shown per category (default 5).
"""

import os
import re
import shutil
import socket
import sys
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "integration"))
sys.path.insert(0, HERE)

import roost_harness as harness  # noqa: E402
import imap_wire as wire  # noqa: E402
import rules  # noqa: E402
from dovecot_harness import DOVECOT, DovecotServer, dovecot_missing_message  # noqa: E402

SHOW = int(os.environ.get("CONFORMANCE_SHOW", "5"))
ONLY = {c for c in os.environ.get("CONFORMANCE_ONLY", "").split(",") if c}

# INTERNALDATE of message n: 2023-01-01 00:00:00 UTC plus n hours (fixed, so that
# search_queries.txt can name dates).
INTERNALDATE_BASE = 1672531200
FETCH_CHUNK = 500  # messages per UID FETCH command for the big literal items


def corpus_dir():
    """The full corpus: ../shared/corpus beside the repository (or ROOST_TEST_CORPUS)."""
    override = os.environ.get("ROOST_TEST_CORPUS")
    path = override or os.path.join(os.path.dirname(harness.REPO_ROOT), "shared", "corpus")
    if not os.path.isdir(path):
        raise SystemExit(f"conformance: the message corpus is missing: {path} does not exist. "
                         "The suite needs ../shared/corpus next to the repository (4,489 messages), "
                         "or ROOST_TEST_CORPUS=DIR.")
    return path


def placement(index):
    """Maildir subfolder and info suffix of message `index` (1-based): a spread of system
    flags so that every flag SEARCH key has matches; the rest is new mail (\\Recent)."""
    letters = ""
    if index % 7 == 0:
        letters += "R"
    if index % 11 == 0:
        letters += "D"
    if index % 5 == 0:
        letters += "F"
    if index % 5 == 0 or index % 3 == 0:
        letters += "S"
    if index % 13 == 0:
        letters += "T"
    if not letters:
        return "new", ""
    return "cur", ":2," + "".join(sorted(letters))


def fill_mailboxes(roost_maildir, dovecot_maildir, sources):
    """The same files in both Maildirs, in the same arrival order: names and mtimes rise with
    the message number (Roost orders new files by mtime, then name; Dovecot by the time in
    the name). No dovecot-uidlist is written: with one, Dovecot would take every listed
    message as seen by an earlier session and drop its \\Recent. category_uidmap checks the
    result."""
    stored = harness.fill_maildir(roost_maildir, sources, placement)
    for index, message in enumerate(stored, start=1):
        stamp = INTERNALDATE_BASE + index * 3600
        os.utime(message.maildir_path, (stamp, stamp))
    shutil.copytree(roost_maildir, dovecot_maildir, copy_function=shutil.copy2)
    return stored


# --- the two sessions ------------------------------------------------------------------------

class Side:
    """One server and the suite's single connection to it. `window`: how many commands may be
    outstanding. Dovecot gets 1: it runs pipelined commands in parallel when they do not
    conflict (RFC 3501 §5.5 allows it), so the untagged data of two FETCHes can interleave
    and could not be told apart. Roost answers pipelined commands in order, so it gets a
    pipeline, which also checks that order."""

    def __init__(self, name, connect, window):
        self.name = name
        self.window = window
        self.connect_raw = connect
        self.conn = None
        self.capabilities = frozenset()

    def connect(self, user, password):
        self.conn = wire.Connection(self.connect_raw())
        results = self.conn.run([b"LOGIN " + wire.quote(user) + b" " + wire.quote(password), b"CAPABILITY"])
        if results[0].tagged is None or results[0].tagged.kind != "OK":
            raise AssertionError(f"{self.name}: LOGIN failed: {results[0]}")
        for resp in results[1].untagged:
            if resp.kind == "CAPABILITY":
                self.capabilities = frozenset(bytes(v).upper() for v in resp.values)

    def run(self, commands):
        results = self.conn.run(commands, window=self.window)
        if results and results[-1].lost is not None:
            # Keep later categories going: a fresh session with INBOX selected.
            self.conn.close()
            try:
                self.connect(self.user, self.password)
                self.conn.run([b"SELECT INBOX"])
            except (wire.ConnectionLost, OSError, AssertionError) as e:
                print(f"[{self.name}] reconnect failed: {e}", flush=True)
        return results


class Pair:
    def __init__(self, dovecot_side, roost_side):
        self.dovecot = dovecot_side
        self.roost = roost_side
        self.pool = ThreadPoolExecutor(max_workers=2)

    def run(self, commands):
        """Same commands to both servers at once; returns [(dovecot result, roost result)]."""
        encoded = [wire.with_literals(c) if isinstance(c, (str, bytes)) else c for c in commands]
        futures = [self.pool.submit(side.run, encoded) for side in (self.dovecot, self.roost)]
        dovecot_results, roost_results = (f.result() for f in futures)
        return list(zip(dovecot_results, roost_results))


# --- comparing and reporting -----------------------------------------------------------------

class Report:
    def __init__(self, context):
        self.context = context
        self.categories = {}  # name -> [passed, failed, [diff text]]

    def category(self, name):
        return self.categories.setdefault(name, [0, 0, []])

    def check(self, category, label, dovecot_value, roost_value, render=None):
        entry = self.category(category)
        if dovecot_value == roost_value:
            entry[0] += 1
            return True
        entry[1] += 1
        if len(entry[2]) < SHOW:
            render = render or (lambda v: rules.show(v, 160) if isinstance(v, tuple) or v is None else repr(v)[:400])
            entry[2].append(f"  {label}\n    dovecot: {render(dovecot_value)}\n    roost:   {render(roost_value)}")
        return False

    def compare(self, category, label, dovecot_result, roost_result):
        """Compares one command's answers: the tagged status (with code), the FETCH data item
        by item, the EXPUNGE sequence and the other untagged data. Returns the Normal of the
        Dovecot side (callers read data out of it)."""
        d = rules.normalize(dovecot_result, self.context)
        r = rules.normalize(roost_result, self.context)
        rules.observe(dovecot_result.command, d, r, self.context)
        if rules.accepted_refusal(dovecot_result.command, d, r, self.context):
            self.category(category)[0] += 1
            return d
        self.check(category, f"{label}: tagged", d.tagged, r.tagged, _show_status)
        for seq in sorted(d.fetch.keys() | r.fetch.keys()):
            di, ri = d.fetch.get(seq, {}), r.fetch.get(seq, {})
            for item in sorted(di.keys() | ri.keys()):
                if seq in self.context.encoded_boundary and rules.content_item(item):
                    self.context.note("encoded-boundary")
                    continue
                self.check(category, f"{label}: * {seq} FETCH {item}", di.get(item, "(missing)"),
                           ri.get(item, "(missing)"))
        if d.expunge or r.expunge:
            self.check(category, f"{label}: EXPUNGE sequence", d.expunge, r.expunge)
        if d.other or r.other:
            self.check(category, f"{label}: untagged", d.other, r.other, _show_untagged)
        return d

    def print(self):
        total_pass = total_fail = 0
        print()
        for name, (passed, failed, diffs) in self.categories.items():
            total_pass += passed
            total_fail += failed
            print(f"{name:>15}: {passed} passed, {failed} failed")
            for diff in diffs:
                print(diff)
        print(f"\nnormalisations applied (DIFFERENCES.md): {', '.join(sorted(self.context.applied)) or 'none'}")
        print(f"{total_pass} passed, {total_fail} failed", flush=True)
        return total_fail


def _show_status(value):
    kind, code = value
    if kind == "LOST":
        return f"no tagged response ({code})"
    return kind + (f" [{rules.show(code, 160)[1:-1]}]" if code else "")


def _show_untagged(entries):
    if not isinstance(entries, list):
        return repr(entries)
    shown = [rules.show_entry(e) for e in entries[:12]]
    more = f" ... (+{len(entries) - 12})" if len(entries) > 12 else ""
    return " | ".join(shown) + more


def label_of(command):
    if isinstance(command, list):  # literal segments
        command = b"".join(command)
    text = command if isinstance(command, str) else bytes(command).decode("utf-8", "replace")
    return text if len(text) <= 110 else text[:107] + "..."


def run_and_compare(pair, report, category, commands, labels=None):
    results = pair.run(commands)
    normals = []
    for i, (d, r) in enumerate(results):
        label = labels[i] if labels else label_of(commands[i])
        normals.append(report.compare(category, label, d, r))
    return normals


# --- categories ------------------------------------------------------------------------------

def uid_chunks(count, size=FETCH_CHUNK):
    return [f"{start}:{min(start + size - 1, count)}" for start in range(1, count + 1, size)]


def category_select(pair, report, count):
    run_and_compare(pair, report, "select", ["SELECT INBOX"])


def category_uidmap(pair, report, stored):
    """Both servers must hold the same messages under the same UIDs before anything else is
    worth comparing: UID → (size, Message-ID) on both sides, and against the corpus."""
    command = "UID FETCH 1:* (UID RFC822.SIZE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])"
    (d, r), = pair.run([command])
    maps = []
    for side, result in (("dovecot", d), ("roost", r)):
        normal = rules.normalize(result, rules.Context(frozenset()))
        if normal.tagged[0] != "OK":
            raise SystemExit(f"conformance: {side} refused the UID map FETCH: {normal.tagged}")
        found = {}
        for seq, items in normal.fetch.items():
            found[seq] = (items.get("UID"), items.get("RFC822.SIZE"),
                          items.get("BODY[HEADER.FIELDS (MESSAGE-ID)]"))
        maps.append(found)
    expected_sizes = {i: len(m.expected) for i, m in enumerate(stored, start=1)}
    problems = []
    if len(maps[0]) != len(stored) or len(maps[1]) != len(stored):
        problems.append(f"message counts: corpus {len(stored)}, dovecot {len(maps[0])}, roost {len(maps[1])}")
    for seq in range(1, len(stored) + 1):
        d_entry, r_entry = maps[0].get(seq), maps[1].get(seq)
        if d_entry != r_entry:
            problems.append(f"#{seq}: dovecot {d_entry!r:.200} vs roost {r_entry!r:.200}")
        elif d_entry and (d_entry[0] != ("A", str(seq).encode())
                          or d_entry[1] != ("A", str(expected_sizes[seq]).encode())):
            problems.append(f"#{seq}: UID/size {d_entry[:2]} but corpus order/size says {seq}/{expected_sizes[seq]}")
        if len(problems) > 10:
            break
    entry = report.category("uidmap")
    if problems:
        entry[1] += 1
        entry[2].append("  the two mailboxes differ; nothing else can be compared:\n    " + "\n    ".join(problems))
        report.print()
        raise SystemExit(1)
    entry[0] += 1


def category_fetch_basic(pair, report, count):
    commands = ["FETCH 1:* FAST", "UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE)",
                "FETCH 1:50 (UID RFC822.HEADER)", "FETCH 4489,1,2 (UID)", "UID FETCH 4485:* (UID)",
                "FETCH 5000 (UID)", "FETCH 0 (UID)", "FETCH 1 (NOSUCHITEM)"]
    for chunk in uid_chunks(count):
        commands.append(f"UID FETCH {chunk} (BODY.PEEK[])")
        commands.append(f"UID FETCH {chunk} (BODY.PEEK[HEADER] BODY.PEEK[TEXT])")
    run_and_compare(pair, report, "fetch-basic", commands)


def category_envelope(pair, report, count):
    commands = [f"UID FETCH {chunk} (ENVELOPE)" for chunk in uid_chunks(count)]
    commands.append("FETCH 1:20 ALL")
    run_and_compare(pair, report, "envelope", commands)


def category_bodystructure(pair, report, count):
    """BODYSTRUCTURE and BODY of every message; returns Dovecot's BODYSTRUCTURE per sequence
    number (the part paths of the "sections" category come from it)."""
    commands = []
    for chunk in uid_chunks(count):
        commands.append(f"UID FETCH {chunk} (BODYSTRUCTURE)")
        commands.append(f"UID FETCH {chunk} (BODY)")
    commands.append("FETCH 1:20 FULL")
    normals = run_and_compare(pair, report, "bodystructure", commands)
    structures = {}
    for normal in normals:
        for seq, items in normal.fetch.items():
            if "BODYSTRUCTURE" in items:
                structures[seq] = items["BODYSTRUCTURE"]
    return structures


def _atom_or_string(canon):
    return canon[1].upper() if canon and canon[0] in ("A", "S") else b""


def part_paths(structure, path=()):
    """Every part path of a canonical BODYSTRUCTURE (RFC 3501 §6.4.5 part specifiers), each
    with whether the part is a message/rfc822 (which has HEADER/TEXT of its own)."""
    if structure is None or structure[0] != "L" or not structure[1]:
        return []
    fields = structure[1]
    if fields[0] is not None and fields[0][0] == "L":  # multipart: children come first
        found = [(path, False)] if path else []
        # the children are the leading body lists; the subtype string ends them
        children = []
        for f in fields:
            if f is None or f[0] != "L":
                break
            children.append(f)
        for i, child in enumerate(children, start=1):
            found.extend(part_paths(child, path + (i,)))
        return found
    own = path or (1,)
    is_message = _atom_or_string(fields[0]) == b"MESSAGE" and _atom_or_string(fields[1]) == b"RFC822"
    found = [(own, is_message)]
    if is_message and len(fields) > 8:
        inner = fields[8]
        if inner is not None and inner[0] == "L" and inner[1] and inner[1][0] is not None and inner[1][0][0] == "L":
            found.extend(part_paths(inner, own))
        else:
            found.extend(part_paths(inner, own + (1,)))
    return found


def section_items(structure):
    items = []
    for path, is_message in part_paths(structure):
        p = ".".join(str(n) for n in path)
        items += [f"BODY.PEEK[{p}]", f"BODY.PEEK[{p}.MIME]"]
        if is_message:
            items += [f"BODY.PEEK[{p}.HEADER]", f"BODY.PEEK[{p}.TEXT]",
                      f"BODY.PEEK[{p}.HEADER.FIELDS (SUBJECT FROM DATE)]"]
    return items


def category_sections(pair, report, structures):
    """BODY[p], BODY[p.MIME] for every part, HEADER/TEXT/HEADER.FIELDS of message/rfc822
    parts; one command per message (several when the item list is long), all pipelined."""
    commands = []
    for seq in sorted(structures):
        items = section_items(structures[seq])
        for start in range(0, len(items), 40):
            commands.append(f"UID FETCH {seq} (UID {' '.join(items[start:start + 40])})")
    if not commands:
        report.category("sections")[1] += 1
        report.category("sections")[2].append("  no BODYSTRUCTURE from Dovecot: nothing to walk")
        return
    # HEADER of a part that is not message/rfc822, and parts that do not exist.
    commands += ["FETCH 1:40 (BODY.PEEK[1.HEADER])", "FETCH 1:40 (BODY.PEEK[1.TEXT])",
                 "FETCH 1:40 (BODY.PEEK[9.9])", "FETCH 1:40 (BODY.PEEK[2.MIME])",
                 "FETCH 1 (BODY.PEEK[0])", "FETCH 1 (BODY.PEEK[1.0])"]
    run_and_compare(pair, report, "sections", commands)


def category_header_fields(pair, report, count):
    common = "FROM TO CC SUBJECT DATE MESSAGE-ID CONTENT-TYPE"
    commands = []
    for chunk in uid_chunks(count, 1500):
        commands.append(f"UID FETCH {chunk} (BODY.PEEK[HEADER.FIELDS ({common})])")
        commands.append(f"UID FETCH {chunk} (BODY.PEEK[HEADER.FIELDS.NOT (RECEIVED RETURN-PATH X-SPAM-STATUS)])")
        commands.append(f"UID FETCH {chunk} (BODY.PEEK[HEADER.FIELDS (subject X-No-Such-Header)])")
        commands.append(f"UID FETCH {chunk} (BODY.PEEK[HEADER.FIELDS (\"References\" In-Reply-To)])")
    run_and_compare(pair, report, "header-fields", commands)


def category_partial(pair, report, count):
    """<origin.octets> partials (RFC 3501 §6.4.5): inside, across and past the end of the
    data, zero length; one kind per command so that one refused form fails alone."""
    forms = ["BODY.PEEK[]<0.100> BODY.PEEK[]<100.250>", "BODY.PEEK[TEXT]<10.50>",
             "BODY.PEEK[HEADER]<0.1>", "BODY.PEEK[]<100000000.10>", "BODY.PEEK[]<0.0>",
             "BODY.PEEK[HEADER.FIELDS (SUBJECT)]<3.5>", "BODY.PEEK[1]<0.64>"]
    commands = [f"UID FETCH {chunk} ({form})" for form in forms for chunk in uid_chunks(count, 1500)]
    commands += ["FETCH 1:5 (BODY.PEEK[]<5.>)", "FETCH 1:5 (BODY.PEEK[]<-1.5>)"]
    run_and_compare(pair, report, "partial", commands)


def category_store(pair, report, count):
    """Keywords and more flags, so that SEARCH has something to find; the untagged FETCH
    FLAGS, FLAGS and PERMANENTFLAGS responses are compared too."""
    tenth = ",".join(str(u) for u in range(10, 2001, 10))
    commands = ["UID STORE 1:400 +FLAGS ($Work)", f"UID STORE {tenth} +FLAGS.SILENT (Project-X)",
                "STORE 50:60 +FLAGS.SILENT (\\Flagged)", "STORE 61 -FLAGS (\\Seen)",
                "STORE 62 FLAGS (\\Answered \\Draft)", "UID STORE 63 +FLAGS (\\Seen $Work)",
                "STORE 64 +FLAGS (\\Recent)", "STORE 65 +FLAGS (\\NoSuchFlag)",
                "FETCH 1:70 (FLAGS)", "STORE 99999 +FLAGS (\\Seen)",
                # fetching without .PEEK sets \Seen and reports the new flags (RFC 3501 §6.4.5)
                "FETCH 1 (BODY[HEADER.FIELDS (SUBJECT)])", "FETCH 2 (RFC822.TEXT)", "FETCH 4 (RFC822)",
                "UID FETCH 8 (BODY[TEXT]<0.10>)", "FETCH 1:10 (FLAGS)"]
    run_and_compare(pair, report, "store", commands)


def read_lines(name):
    path = os.path.join(HERE, name)
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f]


# Keep only one in N of the searches that read message content (BODY, TEXT): set by
# tests/meson.build for the sanitizer build, where decoding is slow. 1 = all of them.
CONTENT_SAMPLE = max(1, int(os.environ.get("CONFORMANCE_CONTENT_SAMPLE", "1")))


def search_queries():
    queries = []
    content_seen = 0
    for line in read_lines("search_queries.txt"):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        upper = text.upper()
        if not (upper.startswith("SEARCH") or upper.startswith("UID SEARCH")):
            text = "SEARCH " + text
        if re.search(r"\b(?:BODY|TEXT)\b", text, re.I):
            content_seen += 1
            if (content_seen - 1) % CONTENT_SAMPLE:
                continue
        queries.append(guillemet_literals(text))
    return queries


GUILLEMETS = re.compile(r"«(.*?)»")
HEX_OCTET = re.compile(r"\\x([0-9A-Fa-f]{2})")


def guillemet_literals(line):
    """«text» → a synchronising literal of text's UTF-8 octets, where \\xNN is that one octet
    (so a query can carry bytes that are not UTF-8). Lines without «» stay text."""
    if "«" not in line:
        return line
    segments, pos = [b""], 0
    for m in GUILLEMETS.finditer(line):
        value = b"".join(bytes([int(part, 16)]) if i % 2 else part.encode()
                         for i, part in enumerate(HEX_OCTET.split(m.group(1))))
        segments[-1] += line[pos:m.start()].encode() + b"{%d}" % len(value)
        segments.append(value)
        pos = m.end()
    segments[-1] += line[pos:].encode()
    return segments


def category_search(pair, report, count):
    run_and_compare(pair, report, "search", search_queries())


LITERAL_MARK = re.compile(r'~"((?:[^"\\]|\\.)*)"|<<MSG>>')
# the message that <<MSG>> stands for (format of mailbox_sequences.txt)
SCRIPT_MESSAGE = b"From: a@example.com\r\nSubject: test\r\n\r\nhello\r\n"


def script_command(line):
    """A script line → command; ~"text" (\\n → CRLF) and <<MSG>> become synchronising
    literals."""
    m = LITERAL_MARK.search(line)
    if not m:
        return line
    if m.group(0) == "<<MSG>>":
        value = SCRIPT_MESSAGE
    else:
        value = m.group(1).replace("\\n", "\r\n").replace('\\"', '"').encode()
    return [(line[:m.start()] + "{%d}" % len(value)).encode(), value + line[m.end():].encode()]


def script_blocks(name):
    blocks, current = [], []
    for line in read_lines(name):
        text = line.strip()
        if text.startswith("#"):
            continue
        if not text:
            if current:
                blocks.append(current)
                current = []
            continue
        current.append(text)
    if current:
        blocks.append(current)
    return blocks


def category_list(pair, report, count):
    commands = [line for block in script_blocks("list_tree.txt") for line in block]
    run_and_compare(pair, report, "list", [script_command(c) for c in commands], [label_of(c) for c in commands])


def category_mailbox_corpus(pair, report, count):
    for block in script_blocks("corpus_sequences.txt"):
        lines = block + ['LIST "" *', 'LSUB "" *']
        run_and_compare(pair, report, "mailbox-corpus", [script_command(c) for c in lines],
                        [label_of(c) for c in lines])


def sequence_user(index):
    return f"seq{index}@example.com"


def category_mailbox(pair, report, count):
    """mailbox_sequences.txt: every block on a fresh, empty account of its own (users made
    before the servers started), on new connections; LOGOUT inside a block ends the
    connection and the rest of the block runs on a new one. LIST and LSUB of everything
    close each block."""
    for index, block in enumerate(script_blocks("mailbox_sequences.txt"), start=1):
        report.context.reset_account()
        lines = block + ['LIST "" "*"', 'LSUB "" "*"']
        sides = [Side(side.name, side.connect_raw, side.window) for side in (pair.dovecot, pair.roost)]
        segment = []
        for line in lines + [None]:
            if line is not None:
                segment.append(line)
            if segment and (line is None or line.upper() == "LOGOUT"):
                for side in sides:
                    side.user, side.password = sequence_user(index), harness.PASSWORD
                    side.connect(side.user, side.password)
                block_pair = Pair(*sides)
                label = f"[block {index}] "
                run_and_compare(block_pair, report, "mailbox", [script_command(c) for c in segment],
                                [label + label_of(c) for c in segment])
                for side in sides:
                    side.conn.close()
                segment = []


def add_sequence_users(roost, dovecot):
    count = len(script_blocks("mailbox_sequences.txt"))
    for index in range(1, count + 1):
        roost.add_user(sequence_user(index), harness.PASSWORD)
        dovecot.add_user(sequence_user(index), harness.PASSWORD)


CATEGORIES = [
    ("fetch-basic", category_fetch_basic),
    ("envelope", category_envelope),
    ("bodystructure", category_bodystructure),
    ("sections", None),  # needs the structures: run below
    ("header-fields", category_header_fields),
    ("partial", category_partial),
    ("store", category_store),
    ("search", category_search),
    ("list", category_list),
    ("mailbox-corpus", category_mailbox_corpus),
    ("mailbox", category_mailbox),
]


def check_differences_documented():
    with open(os.path.join(HERE, "DIFFERENCES.md"), encoding="utf-8") as f:
        text = f.read()
    missing = [rule for rule in rules.RULES if f"`{rule}`" not in text]
    if missing:
        raise SystemExit(f"conformance: rules without an entry in DIFFERENCES.md: {missing}")


def main():
    started = time.monotonic()
    check_differences_documented()
    if not os.access(DOVECOT, os.X_OK):
        raise SystemExit("conformance: " + dovecot_missing_message())
    sources = harness.corpus_files(corpus_dir())
    roost = harness.RoostServer("conformance")
    try:
        dovecot = DovecotServer(harness.USER, harness.PASSWORD, harness.free_ports(1)[0])
    except BaseException:
        roost.close(test_failed=False)
        raise
    try:
        with harness.Timer("fill both Maildirs"):
            stored = fill_mailboxes(roost.maildir(), dovecot.maildir(), sources)
        with harness.Timer("users for mailbox_sequences.txt"):
            add_sequence_users(roost, dovecot)
        with harness.Timer("start both servers"):
            roost.start()
            dovecot.start()

        def connect_roost():
            raw = socket.create_connection(("127.0.0.1", roost.imaps_port), timeout=30)
            return roost.tls_context().wrap_socket(raw, server_hostname="127.0.0.1")

        def connect_dovecot():
            return socket.create_connection(("127.0.0.1", dovecot.port), timeout=30)

        sides = (Side("dovecot", connect_dovecot, 1), Side("roost", connect_roost, 64))
        for side in sides:
            side.user, side.password = harness.USER, harness.PASSWORD
            side.connect(harness.USER, harness.PASSWORD)
        pair = Pair(*sides)
        context = rules.Context(roost_capabilities=sides[1].capabilities, applied=set())
        context.encoded_boundary = frozenset(
            index for index, message in enumerate(stored, start=1)
            if rules.has_encoded_boundary(open(message.source, "rb").read()))
        report = Report(context)
        count = len(stored)

        with harness.Timer("select"):
            category_select(pair, report, count)
        with harness.Timer("uidmap"):
            category_uidmap(pair, report, stored)
        structures = {}
        for name, function in CATEGORIES:
            needed_later = name in ("store", "list") or (name == "bodystructure" and "sections" in ONLY)
            if ONLY and name not in ONLY and not needed_later:
                continue
            with harness.Timer(name):
                if name == "sections":
                    category_sections(pair, report, structures)
                elif name == "bodystructure":
                    structures = function(pair, report, count)
                else:
                    function(pair, report, count)
        failures = report.print()
        print(f"[time] whole suite: {time.monotonic() - started:.1f}s")
        return 1 if failures else 0
    finally:
        keep = bool(os.environ.get("ROOST_TEST_KEEP"))
        roost.close(test_failed=keep)
        dovecot.close(keep=keep)


if __name__ == "__main__":
    sys.exit(main())
