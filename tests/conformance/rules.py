"""Every difference between Dovecot's and Roost's answers that the conformance suite accepts,
in one place. Each rule has an id that DIFFERENCES.md explains with its RFC reason (the suite
fails when a rule is missing there). Everything not removed here must match exactly.

`normalize(result, context)` turns one command's answer into a canonical form:
  tagged:   (status, code) of the tagged response, or ("LOST", reason)
  fetch:    {sequence number: {item name: value}} from the untagged FETCH responses
  expunge:  the EXPUNGE sequence numbers in the order sent
  other:    every other untagged response, sorted
Values are nested tuples: ("A", atom), ("S", string), None for NIL, ("L", items).
"""

import base64
import re
from dataclasses import dataclass

from imap_wire import Atom, Str

RULES = {
    "resp-text": "text after OK/NO/BAD/BYE and a response code is for humans; status and code compared",
    "string-form": "quoted string and literal are the same string (applied by the parser)",
    "capability": "CAPABILITY responses and [CAPABILITY] codes list each server's own extensions",
    "uidvalidity": "UIDVALIDITY values are chosen by each server",
    "extension-codes": "response codes of extensions that Roost does not advertise",
    "list-child-attrs": "\\HasChildren/\\HasNoChildren LIST attributes when Roost does not advertise CHILDREN",
    "untagged-order": "the order of untagged responses within one command (EXPUNGE excepted)",
    "fetch-items": "the order of FETCH items, their split over several FETCH responses, the case of item names",
    "header-list-astring": "header field names echoed in BODY[HEADER.FIELDS (...)] as atom or quoted string",
    "flag-order": "the order of flags within a flag list",
    "search-order": "the order of numbers in a SEARCH response",
    "mailbox-astring": "a mailbox name sent as atom or as string",
    "badcharset-list": "the charset list inside [BADCHARSET (...)]",
    "invalid-mutf7": "a mailbox name that is not valid modified UTF-7 refused with NO or with BAD",
    "part-zero": "section part number 0, which the grammar does not allow: Roost BAD, Dovecot OK",
    "partial-zero-count": "a partial <n.0>, whose count the grammar requires non-zero: Roost BAD, Dovecot OK",
    "quoted-8bit": "8-bit octets in a quoted string, which the grammar does not allow: Roost BAD, Dovecot other",
    "delete-noselect": "a deleted mailbox that has children stays as \\Noselect (Roost) or as an empty folder (Dovecot)",
    "create-wildcard": "CREATE of a name holding * or %: Roost NO, Dovecot OK; such names are not compared in LIST",
    "subscribe-nonexistent": "SUBSCRIBE of a name that does not exist: Roost OK (listed by LSUB), Dovecot NO",
    "extra-arguments": "arguments after a command that takes none: Roost BAD, Dovecot OK",
    "nonexistent-code": "a refusal for a missing mailbox that Roost marks [NONEXISTENT] and Dovecot leaves bare",
    "expunge-order": "the order of the EXPUNGE responses that remove one set of messages",
    "searchres-not-advertised": "SEARCH $ (RFC 5182 SEARCHRES) while Roost does not advertise SEARCHRES: Roost BAD",
    "mime-token-case": "MIME type, subtype, encoding, disposition, parameter names and the charset value compared without case",
    "encoded-boundary": "a multipart whose boundary is RFC 2231-encoded (boundary*=): Roost finds its parts, Dovecot none",
    "search-defines-keyword": "a keyword only ever named in SEARCH, which Dovecot adds to FLAGS and Roost does not",
}

# Keywords that the suite names only in SEARCH KEYWORD/UNKEYWORD (search_queries.txt), never
# in STORE: Dovecot registers them as defined keywords of the mailbox (rule
# search-defines-keyword).
SEARCH_ONLY_KEYWORDS = {b"NOSUCHKEYWORD", b"$FORWARDED", b"JUNK"}

# Response codes that belong to extensions, and the capability that announces each.
EXTENSION_CODES = {
    b"APPENDUID": b"UIDPLUS",        # RFC 4315 §3
    b"COPYUID": b"UIDPLUS",
    b"UIDNOTSTICKY": b"UIDPLUS",
    b"HIGHESTMODSEQ": b"CONDSTORE",  # RFC 7162 §3.1
    b"NOMODSEQ": b"CONDSTORE",
    b"MODIFIED": b"CONDSTORE",
    b"CLOSED": b"QRESYNC",           # RFC 7162 §3.2.11
    b"URLMECH": b"URLAUTH",          # RFC 4467
    b"NOTSAVED": b"SEARCHRES",       # RFC 5182
}

# Untagged data whose last value (or values) is a mailbox name: LIST/LSUB (RFC 3501 §7.2.2-3),
# STATUS (§7.2.4).
MAILBOX_POSITION = {"LIST": -1, "LSUB": -1, "STATUS": 0}

FLAG_LIST_ITEMS = {b"FLAGS"}


@dataclass
class Context:
    """What the rules need to know: Roost's advertised capabilities (upper case), and the
    mailbox names both servers deleted (rule delete-noselect), kept up to date by observe()."""
    roost_capabilities: frozenset = frozenset()
    applied: set = None  # rule ids that changed something (reported at the end)
    deleted_names: set = None
    subscribed_nonexistent: set = None  # names only Roost subscribed (rule subscribe-nonexistent)
    encoded_boundary: frozenset = frozenset()  # sequence numbers (rule encoded-boundary)

    def reset_account(self):
        """A fresh account: nothing deleted or subscribed yet."""
        self.deleted_names = set()
        self.subscribed_nonexistent = set()

    def note(self, rule):
        assert rule in RULES, rule
        if self.applied is not None:
            self.applied.add(rule)


def canonical(value):
    if value is None:
        return None
    if isinstance(value, Str):
        return ("S", bytes(value))
    if isinstance(value, Atom):
        return ("A", bytes(value))
    if isinstance(value, list):
        return ("L", tuple(canonical(v) for v in value))
    raise TypeError(value)


def _sorted_list(canon):
    return ("L", tuple(sorted(canon[1], key=show))) if canon and canon[0] == "L" else canon


def show(canon, limit=None):
    """Display text of a canonical value (limit: shorten long strings)."""
    if canon is None:
        return "NIL"
    kind, payload = canon
    if kind == "L":
        return "(" + " ".join(show(v, limit) for v in payload) + ")"
    if kind == "A":
        return payload.decode("latin-1")
    text = payload if limit is None or len(payload) <= limit else payload[:limit]
    out = '"' + text.decode("latin-1").replace("\\", "\\\\").replace('"', '\\"') \
        .replace("\r", "\\r").replace("\n", "\\n") + '"'
    if text is not payload:
        out += f"..[{len(payload)} bytes]"
    return out


def _code(code, context):
    """[response code] → canonical, or None when a rule drops it."""
    if not code:
        return None
    name = bytes(code[0]).upper() if isinstance(code[0], Atom) else b""
    if name == b"CAPABILITY":
        context.note("capability")
        return None
    if name == b"UIDVALIDITY":
        context.note("uidvalidity")
        return ("L", (("A", b"UIDVALIDITY"), ("A", b"*")))
    if name in (b"COPYUID", b"APPENDUID") and b"UIDPLUS" in context.roost_capabilities and len(code) > 1:
        # RFC 4315 §3: the first number is the target mailbox's UIDVALIDITY.
        context.note("uidvalidity")
        return ("L", (("A", name), ("A", b"*")) + tuple(canonical(v) for v in code[2:]))
    needed = EXTENSION_CODES.get(name)
    if needed is not None and needed not in context.roost_capabilities:
        context.note("extension-codes")
        return None
    canon = canonical(code)
    if name == b"PERMANENTFLAGS" and len(canon[1]) > 1:
        context.note("flag-order")
        canon = ("L", (canon[1][0], _sorted_list(_without_search_only_keywords(canon[1][1], context))) + canon[1][2:])
    if name == b"BADCHARSET" and len(canon[1]) > 1:
        context.note("badcharset-list")
        canon = ("L", canon[1][:1])
    return canon


def _without_search_only_keywords(flag_list, context):
    if not flag_list or flag_list[0] != "L":
        return flag_list
    kept = tuple(f for f in flag_list[1] if not (f and f[0] == "A" and f[1].upper() in SEARCH_ONLY_KEYWORDS))
    if kept != flag_list[1]:
        context.note("search-defines-keyword")
    return ("L", kept)


def _status(resp, context):
    if resp.text:
        context.note("resp-text")
    return (resp.kind, _code(resp.code, context))


def _fetch_items(values, context):
    items = values[0] if values and isinstance(values[0], list) else []
    pairs = {}
    for i in range(0, len(items) - 1, 2):
        name = bytes(items[i]).upper() if isinstance(items[i], (Atom, Str)) else repr(items[i]).encode()
        if b"HEADER.FIELDS" in name and b'"' in name:
            context.note("header-list-astring")
            name = name.replace(b'"', b"")
        pairs[name.decode("latin-1")] = items[i + 1]
    return pairs


def _data(resp, context):
    """A non-status, non-FETCH untagged response → canonical tuple, or None to drop."""
    kind = resp.kind
    if kind == "CAPABILITY":
        context.note("capability")
        return None
    values = [canonical(v) for v in resp.values]
    if kind == "FLAGS" and values:
        context.note("flag-order")
        values[0] = _sorted_list(_without_search_only_keywords(values[0], context))
    elif kind == "SEARCH":
        context.note("search-order")
        values = sorted(values, key=lambda v: (len(show(v)), show(v)))
    elif kind in ("LIST", "LSUB") and values and values[0] and values[0][0] == "L":
        attrs = values[0][1]
        if b"CHILDREN" not in context.roost_capabilities:
            kept = tuple(a for a in attrs
                         if not (a and a[0] == "A" and a[1].upper() in (b"\\HASCHILDREN", b"\\HASNOCHILDREN")))
            if kept != attrs:
                context.note("list-child-attrs")
            attrs = kept
        name = values[-1][1] if values[-1] and values[-1][0] in ("A", "S") else b""
        if b"*" in name or b"%" in name:
            context.note("create-wildcard")
            return None
        if kind == "LSUB" and context.subscribed_nonexistent and _inbox_upper(name) in context.subscribed_nonexistent:
            context.note("subscribe-nonexistent")
            return None
        if context.deleted_names and name in context.deleted_names:
            kept = tuple(a for a in attrs if not (a and a[0] == "A" and a[1].upper() == b"\\NOSELECT"))
            if kept != attrs:
                context.note("delete-noselect")
            attrs = kept
        values[0] = ("L", tuple(sorted(attrs, key=lambda a: show(a).upper())))
    elif kind == "STATUS" and len(values) > 1 and values[1] and values[1][0] == "L":
        items = list(values[1][1])
        for i in range(0, len(items) - 1, 2):
            if items[i] == ("A", b"UIDVALIDITY"):
                context.note("uidvalidity")
                items[i + 1] = ("A", b"*")
        values[1] = ("L", tuple(items))
    position = MAILBOX_POSITION.get(kind)
    if position is not None and values and values[position] and values[position][0] == "A":
        context.note("mailbox-astring")
        values[position] = ("S", values[position][1])
    return (kind, resp.number, tuple(values))


@dataclass
class Normal:
    tagged: tuple
    fetch: dict
    expunge: list
    other: list


def normalize(result, context):
    if result.tagged is None:
        # How the connection ended (reset or orderly close) is the client's view of the
        # socket, not part of either server's answer.
        tagged = ("LOST", "no tagged response")
    else:
        tagged = _status(result.tagged, context)
    fetch, expunge, other = {}, [], []
    for resp in result.untagged:
        if resp.kind == "FETCH" and resp.number is not None:
            items = fetch.setdefault(resp.number, {})
            for name, value in _fetch_items(resp.values, context).items():
                canon = canonical(value)
                if name == "FLAGS":
                    context.note("flag-order")
                    canon = _sorted_list(canon)
                elif name in ("BODY", "BODYSTRUCTURE"):
                    lowered = _body_case(canon)
                    if lowered != canon:
                        context.note("mime-token-case")
                    canon = lowered
                items[name] = canon
            context.note("fetch-items")
        elif resp.kind == "EXPUNGE":
            expunge.append(resp.number)
        elif resp.kind in ("OK", "NO", "BAD", "BYE", "PREAUTH") or resp.tag == b"+":
            status = _status(resp, context)
            if resp.kind == "OK" and status[1] is None and resp.code:
                continue  # an OK whose only content was a dropped code
            other.append(("RESP-STATUS",) + status)
        else:
            data = _data(resp, context)
            if data is not None:
                other.append(data)
    if expunge:
        context.note("expunge-order")
        expunge = removed_positions(expunge)
    if context.encoded_boundary and _is_body_text_search(result.command):
        for entry in other:
            if entry[0] == "SEARCH":
                kept = tuple(v for v in entry[2] if not (v[0] == "A" and int(v[1]) in context.encoded_boundary))
                if kept != entry[2]:
                    context.note("encoded-boundary")
                other[other.index(entry)] = (entry[0], entry[1], kept)
    if _is_search(result.command):
        # Dovecot announces the keywords a SEARCH registered (search-defines-keyword); with
        # those keywords left out, such FLAGS/PERMANENTFLAGS carry nothing new.
        kept = [e for e in other if e[0] != "FLAGS" and not (e[0] == "RESP-STATUS" and e[2] and e[2][1][0] == ("A", b"PERMANENTFLAGS"))]
        if len(kept) != len(other):
            context.note("search-defines-keyword")
        other = kept
    if len(result.untagged) > 1:
        context.note("untagged-order")
    other.sort(key=repr)
    return Normal(tagged, fetch, expunge, other)


def _lower(value):
    return ("S", value[1].lower()) if value and value[0] == "S" else value


def _params_case(params):
    """(name value name value ...): names without case, and the charset value too."""
    if not params or params[0] != "L":
        return params
    items = list(params[1])
    for i in range(0, len(items) - 1, 2):
        items[i] = _lower(items[i])
        if items[i] == ("S", b"charset"):
            items[i + 1] = _lower(items[i + 1])
    return ("L", tuple(items))


def _disposition_case(value):
    if not value or value[0] != "L" or len(value[1]) != 2:
        return value
    return ("L", (_lower(value[1][0]), _params_case(value[1][1])))


def _body_case(body):
    """RFC 2045 §5.1 and §6.1, RFC 2046 §4.1.2, RFC 2183 §2: media types, subtypes, parameter
    names, transfer encodings, disposition types and charset names are case-insensitive, so
    their spelling in BODY/BODYSTRUCTURE is not compared (RFC 3501 §7.4.2 field order)."""
    if not body or body[0] != "L" or not body[1]:
        return body
    items = list(body[1])
    if items[0] and items[0][0] == "L":  # multipart: parts, subtype, [params disposition ...]
        parts = 0
        while parts < len(items) and items[parts] and items[parts][0] == "L":
            items[parts] = _body_case(items[parts])
            parts += 1
        if parts < len(items):
            items[parts] = _lower(items[parts])
        if parts + 1 < len(items):
            items[parts + 1] = _params_case(items[parts + 1])
        if parts + 2 < len(items):
            items[parts + 2] = _disposition_case(items[parts + 2])
        return ("L", tuple(items))
    if len(items) < 7:
        return body
    items[0], items[1] = _lower(items[0]), _lower(items[1])
    items[2] = _params_case(items[2])
    items[5] = _lower(items[5])
    is_message = items[0] == ("S", b"message") and items[1] == ("S", b"rfc822")
    extension = 7
    if is_message and len(items) >= 10:
        items[8] = _body_case(items[8])
        extension = 10
    elif items[0] == ("S", b"text"):
        extension = 8
    # single-part extension data: md5, disposition, language, location
    if extension + 1 < len(items):
        items[extension + 1] = _disposition_case(items[extension + 1])
    return ("L", tuple(items))


def _is_body_text_search(command):
    text = bytes(command if not isinstance(command, list) else b"".join(command)).upper() if command else b""
    return _is_search(command) and (b"BODY" in text or b"TEXT" in text)


def content_item(name):
    """FETCH items computed from the MIME structure (rule encoded-boundary)."""
    return name in ("BODY", "BODYSTRUCTURE") or (name.startswith("BODY[") and name[5:6].isdigit())


ENCODED_BOUNDARY = re.compile(rb"^Content-Type:[^\n]*(?:\n[ \t][^\n]*)*\bboundary\*", re.I | re.M)


def has_encoded_boundary(message):
    """A Content-Type whose boundary is given only in RFC 2231 form."""
    return bool(ENCODED_BOUNDARY.search(message)) and not re.search(rb"\bboundary\s*=", message, re.I)


def _is_search(command):
    text = bytes(command if not isinstance(command, list) else b"".join(command)).upper() if command else b""
    return text.startswith(b"SEARCH") or text.startswith(b"UID SEARCH")


def removed_positions(expunges):
    """EXPUNGE responses → the sequence numbers, as they were before the first one, of the
    messages removed (RFC 3501 §7.4.1: each response renumbers the ones after it)."""
    remaining = list(range(1, max(expunges) + len(expunges) + 1))
    removed = []
    for seq in expunges:
        if not 1 <= seq <= len(remaining):
            return ["invalid", expunges]
        removed.append(remaining.pop(seq - 1))
    return sorted(removed)


def show_entry(entry, limit=120):
    """Display text of one entry of Normal.other."""
    if entry[0] == "RESP-STATUS":
        return f"* {entry[1]}" + (f" [{show(entry[2], limit)[1:-1]}]" if entry[2] else "")
    kind, number, values = entry
    head = f"* {number} {kind}" if number is not None else f"* {kind}"
    return head + "".join(" " + show(v, limit) for v in values)


# --- whole-command rules: cases where the two servers may refuse differently ---------------

_MUTF7_SHIFT = re.compile(rb"&([^-]*)(-?)")


def _invalid_mutf7(name):
    """True when `name` is not valid modified UTF-7 (RFC 3501 §5.1.3): every '&' opens a
    base64 run (alphabet A-Z a-z 0-9 + ,) closed by '-', decoding to whole UTF-16 units that
    are not printable ASCII; "&-" is a literal '&'; two runs back to back ("&AOk-&AOk-") are
    not the shortest form and count as invalid, as Dovecot counts them."""
    previous_run_end = -1
    for m in _MUTF7_SHIFT.finditer(name):
        run, closed = m.group(1), m.group(2)
        if not closed:
            return True
        if not run:
            continue
        if m.start() == previous_run_end:
            return True
        previous_run_end = m.end()
        if not re.fullmatch(rb"[A-Za-z0-9+,]+", run):
            return True
        bits = len(run) * 6
        if bits % 16 >= 6:
            return True
        padded = run.replace(b",", b"/") + b"=" * (-len(run) % 4)
        try:
            units = base64.b64decode(padded)
        except ValueError:
            return True
        units = units[:len(units) - len(units) % 2]
        text = units.decode("utf-16-be", "surrogatepass")
        if any(0x20 <= ord(c) <= 0x7E for c in text):
            return True
        try:
            text.encode("utf-16", "strict")
        except UnicodeEncodeError:
            return True
    return False


_MAILBOX_COMMANDS = re.compile(rb"^(?:CREATE|DELETE|RENAME|SELECT|EXAMINE|SUBSCRIBE|UNSUBSCRIBE|STATUS|APPEND)\s+(.*)$", re.I)
_ARGS = re.compile(rb'"((?:[^"\\]|\\.)*)"|([^\s()]+)')
_PART_ZERO = re.compile(rb"\[(?:0|(?:\d+\.)*0)(?:[.\]])")
_PARTIAL_ZERO_COUNT = re.compile(rb"\]<\d+\.0>")
_QUOTED_8BIT = re.compile(rb'"(?:[^"\\]|\\.)*[\x80-\xff](?:[^"\\]|\\.)*"')


def _command_names(command):
    m = _MAILBOX_COMMANDS.match(command)
    if not m:
        return []
    return [a.group(1) if a.group(1) is not None else a.group(2) for a in _ARGS.finditer(m.group(1))]


def accepted_refusal(command, dovecot, roost, context):
    """Whole-command rules: returns the rule id when the two answers differ only in a way
    DIFFERENCES.md accepts for this command, else None. `dovecot`/`roost` are Normal."""
    d_status, r_status = dovecot.tagged[0], roost.tagged[0]
    if {d_status, r_status} == {"NO", "BAD"} and any(_invalid_mutf7(n) for n in _command_names(command)):
        context.note("invalid-mutf7")
        return "invalid-mutf7"
    if r_status == "BAD" and d_status == "OK" and _PART_ZERO.search(command):
        context.note("part-zero")
        return "part-zero"
    if r_status == "BAD" and d_status == "OK" and _PARTIAL_ZERO_COUNT.search(command):
        context.note("partial-zero-count")
        return "partial-zero-count"
    if r_status == "BAD" and d_status != "BAD" and _QUOTED_8BIT.search(command):
        context.note("quoted-8bit")
        return "quoted-8bit"
    if (r_status, d_status) == ("NO", "NO") and dovecot.tagged[1] is None \
            and roost.tagged[1] == ("L", (("A", b"NONEXISTENT"),)):
        context.note("nonexistent-code")
        return "nonexistent-code"
    if r_status == "BAD" and b"SEARCHRES" not in context.roost_capabilities \
            and re.search(rb"(?:^|\s|\()\$(?:$|\s|\))", command) and _is_search(command):
        context.note("searchres-not-advertised")
        return "searchres-not-advertised"
    if (r_status, d_status) == ("BAD", "OK") and _NO_ARGUMENT_COMMANDS.match(command):
        context.note("extra-arguments")
        return "extra-arguments"
    names = _command_names(command)
    if command[:9].upper() == b"SUBSCRIBE" and names and d_status == "NO" and r_status in ("OK", "NO"):
        # Roost subscribes any valid name and refuses an impossible one with [CANNOT].
        context.note("subscribe-nonexistent")
        if r_status == "OK":
            if context.subscribed_nonexistent is None:
                context.reset_account()
            context.subscribed_nonexistent.add(_inbox_upper(names[0]))
        return "subscribe-nonexistent"
    if (r_status, d_status) == ("NO", "OK") and command[:6].upper() == b"CREATE" and names \
            and (b"*" in names[0] or b"%" in names[0]):
        context.note("create-wildcard")
        return "create-wildcard"
    return None


def _inbox_upper(name):
    """RFC 3501 §5.1: INBOX is case-insensitive, also as the first level of a name."""
    head, dot, rest = name.partition(b".")
    return (b"INBOX" if head.upper() == b"INBOX" else head) + dot + rest


_NO_ARGUMENT_COMMANDS = re.compile(rb"^(?:CAPABILITY|NOOP|LOGOUT|CHECK|CLOSE|EXPUNGE|UNSELECT)\s+\S", re.I)


def observe(command, dovecot, roost, context):
    """Keeps the names DELETE removed on both sides (rule delete-noselect): Roost lists such a
    name as \\Noselect while it has children (RFC 3501 §6.3.4), Dovecot keeps an empty folder.
    A RENAME carries the names below its source along."""
    if dovecot.tagged[0] != "OK" or roost.tagged[0] != "OK":
        return
    verb = command[:7].upper()
    names = _command_names(command)
    if context.deleted_names is None:
        context.reset_account()
    if verb.startswith(b"DELETE") and names:
        context.deleted_names.add(names[0])
    elif verb.startswith(b"RENAME") and len(names) == 2:
        source, target = names
        for name in list(context.deleted_names):
            if name == source or name.startswith(source + b"."):
                context.deleted_names.add(target + name[len(source):])
