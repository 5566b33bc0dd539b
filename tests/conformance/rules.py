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
}

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
    """What the rules need to know: Roost's advertised capabilities (upper case)."""
    roost_capabilities: frozenset = frozenset()
    applied: set = None  # rule ids that changed something (reported at the end)

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
    needed = EXTENSION_CODES.get(name)
    if needed is not None and needed not in context.roost_capabilities:
        context.note("extension-codes")
        return None
    canon = canonical(code)
    if name == b"PERMANENTFLAGS" and len(canon[1]) > 1:
        context.note("flag-order")
        canon = ("L", (canon[1][0], _sorted_list(canon[1][1])) + canon[1][2:])
    if name == b"BADCHARSET" and len(canon[1]) > 1:
        context.note("badcharset-list")
        canon = ("L", canon[1][:1])
    return canon


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
        values[0] = _sorted_list(values[0])
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
        tagged = ("LOST", result.lost or "no tagged response")
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
    if len(result.untagged) > 1:
        context.note("untagged-order")
    other.sort(key=repr)
    return Normal(tagged, fetch, expunge, other)


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
    return None
