"""A small IMAP client for the differential suite: pipelined commands over one connection and a
parser that turns each response into values that can be compared (RFC 3501 §9 grammar, the
parts a server sends).

imaplib is not used: it neither pipelines nor keeps the structure of a response, and the suite
needs both (speed, and comparing a BODYSTRUCTURE field by field rather than as text).
"""

import re
import socket
from dataclasses import dataclass, field


class ConnectionLost(Exception):
    pass


# --- values ------------------------------------------------------------------------------------
# A parsed response is made of: Atom (bytes, numbers included), Str (bytes: quoted string or
# literal — RFC 3501 §4.3 makes them the same string), None (NIL) and Python lists.

class Atom(bytes):
    def __repr__(self):
        return self.decode("latin-1")


class Str(bytes):
    def __repr__(self):
        return render_string(self)


def render_string(value, limit=None):
    shown = value if limit is None or len(value) <= limit else value[:limit]
    text = '"' + shown.decode("latin-1").replace("\\", "\\\\").replace('"', '\\"') + '"'
    text = text.replace("\r", "\\r").replace("\n", "\\n")
    if shown is not value:
        text += f"...({len(value)} bytes)"
    return text


def render(value, limit=None):
    """Canonical text of a parsed value: equal values render equally (used as a sort key and
    in diffs; `limit` shortens long strings for display only)."""
    if value is None:
        return "NIL"
    if isinstance(value, Str):
        return render_string(value, limit)
    if isinstance(value, Atom):
        return value.decode("latin-1")
    if isinstance(value, list):
        return "(" + " ".join(render(v, limit) for v in value) + ")"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {render(v, limit)}" for k, v in sorted(value.items())) + "}"
    return repr(value)


_ATOM = re.compile(rb'[^ ()"{\[\]\r\n]+(?:\[[^\]]*\](?:<\d+>)?)?|\[[^\]]*\]')
_QUOTED = re.compile(rb'"((?:[^"\\\r\n]|\\.)*)"')
_LITERAL = re.compile(rb"\{(\d+)\+?\}\r\n")
_UNESCAPE = re.compile(rb"\\(.)")


class ParseError(Exception):
    pass


def parse_values(data, pos=0, stop=b""):
    """Parses space-separated values from data[pos:] until the end, or until an unmatched byte
    in `stop` at depth 0. Returns (list, position)."""
    stack = [[]]
    n = len(data)
    while pos < n:
        c = data[pos:pos + 1]
        if c == b" ":
            pos += 1
        elif c == b"(":
            stack.append([])
            pos += 1
        elif c == b")":
            if len(stack) == 1:
                if c in stop:
                    break
                raise ParseError(f"unbalanced ')' at {pos}")
            done = stack.pop()
            stack[-1].append(done)
            pos += 1
        elif c == b'"':
            m = _QUOTED.match(data, pos)
            if not m:
                raise ParseError(f"bad quoted string at {pos}")
            stack[-1].append(Str(_UNESCAPE.sub(rb"\1", m.group(1))))
            pos = m.end()
        elif c == b"{":
            m = _LITERAL.match(data, pos)
            if not m:
                raise ParseError(f"bad literal at {pos}")
            size = int(m.group(1))
            stack[-1].append(Str(data[m.end():m.end() + size]))
            pos = m.end() + size
        elif c in (b"\r", b"\n"):
            pos += 1
        elif stop and c in stop and len(stack) == 1:
            break
        else:
            m = _ATOM.match(data, pos)
            if not m:
                raise ParseError(f"unexpected byte {c!r} at {pos}")
            word = m.group(0)
            stack[-1].append(None if word.upper() == b"NIL" else Atom(word))
            pos = m.end()
    if len(stack) != 1:
        raise ParseError("unbalanced '('")
    return stack[0], pos


STATUS_WORDS = {b"OK", b"NO", b"BAD", b"BYE", b"PREAUTH"}


@dataclass
class Response:
    """One server response. `kind` is the status word (OK/NO/BAD/BYE/PREAUTH) or the data
    keyword (FETCH, EXISTS, LIST, SEARCH...); for status responses `code` is the parsed
    [response code] and `text` the human-readable rest (RFC 3501 §7.1)."""
    tag: bytes
    kind: str
    number: int = None          # "* 5 EXISTS", "* 3 FETCH ..."
    values: list = field(default_factory=list)
    code: list = None
    text: bytes = b""
    raw: bytes = b""


def parse_response(raw):
    body = raw[:-2] if raw.endswith(b"\r\n") else raw
    space = body.find(b" ")
    tag = body if space < 0 else body[:space]
    rest_pos = len(body) if space < 0 else space + 1
    m = re.compile(rb"(\d+) ([A-Za-z]+)").match(body, rest_pos)
    if tag == b"*" and m:
        kind, number, pos = m.group(2).upper().decode(), int(m.group(1)), m.end()
    else:
        word = re.compile(rb"[^ \r\n]*").match(body, rest_pos)
        kind, number, pos = word.group(0).upper().decode(), None, word.end()
    resp = Response(tag=tag, kind=kind, number=number, raw=raw)
    if kind.encode() in STATUS_WORDS:
        if body[pos:pos + 2] == b" [":
            try:
                resp.code, end = parse_values(body, pos + 2, stop=b"]")
                pos = end + 1
            except ParseError:
                close = body.find(b"]", pos)
                resp.code, pos = [Atom(body[pos + 2:close])], close + 1
        resp.text = body[pos:].strip()
    else:
        try:
            resp.values, _ = parse_values(body, pos)
        except ParseError as e:
            resp.values = [Atom(b"UNPARSABLE: " + str(e).encode()), Str(body[pos:])]
    return resp


# --- connection --------------------------------------------------------------------------------

@dataclass
class Result:
    """The answer to one command: untagged responses in arrival order and the tagged one (None
    when the connection was lost first)."""
    command: bytes
    untagged: list
    tagged: Response = None
    lost: str = None            # why the connection ended before the tagged response


class Connection:
    """One IMAP connection. `run` pipelines a list of commands (at most `window` outstanding)."""

    def __init__(self, sock, timeout=120):
        self.sock = sock
        self.sock.settimeout(timeout)
        self.buffer = b""
        self.pos = 0
        self.counter = 0
        self.greeting = self.read_response()

    # reading: self.buffer[self.pos:] is what has arrived and is not consumed yet (an offset
    # rather than slicing after every line, which would copy megabytes per line)
    def _fill(self):
        try:
            chunk = self.sock.recv(1 << 20)
        except (OSError, socket.timeout) as e:
            raise ConnectionLost(str(e)) from e
        if not chunk:
            raise ConnectionLost("connection closed by server")
        self.buffer = self.buffer[self.pos:] + chunk
        self.pos = 0

    def _read_line(self):
        start = self.pos
        while True:
            end = self.buffer.find(b"\r\n", start)
            if end >= 0:
                line = self.buffer[self.pos:end + 2]
                self.pos = end + 2
                return line
            start = max(0, len(self.buffer) - self.pos - 1)
            self._fill()

    def _read_exact(self, size):
        while len(self.buffer) - self.pos < size:
            self._fill()
        data = self.buffer[self.pos:self.pos + size]
        self.pos += size
        return data

    def read_raw(self):
        """One whole response: a line plus any literals and the lines that continue it."""
        parts = []
        while True:
            line = self._read_line()
            parts.append(line)
            m = re.search(rb"\{(\d+)\+?\}\r\n$", line)
            if not m:
                return b"".join(parts)
            parts.append(self._read_exact(int(m.group(1))))

    def read_response(self):
        return parse_response(self.read_raw())

    # writing
    def _send(self, data):
        try:
            self.sock.sendall(data)
        except OSError as e:
            raise ConnectionLost(str(e)) from e

    def next_tag(self):
        self.counter += 1
        return b"C%05d" % self.counter

    def _send_command(self, tag, segments):
        """Sends `tag SP segments[0] CRLF`; every further segment is the value of the literal
        announced at the end of the one before (synchronising literals, RFC 3501 §7.5) plus
        the command text after it, sent once the server's continuation request arrives.
        Returns (untagged responses that arrived meanwhile, tagged response when the server
        refused before the literal was sent, else None)."""
        early = []
        self._send(tag + b" " + segments[0] + b"\r\n")
        for segment in segments[1:]:
            while True:
                resp = self.read_response()
                if resp.tag == b"+":
                    break
                if resp.tag == tag:
                    return early, resp
                early.append(resp)
            self._send(segment + b"\r\n")
        return early, None

    def run(self, commands, window=64):
        """Runs the commands (bytes, or a list of segments for commands with literals) in
        order; returns one Result per command. On a lost connection the remaining results have
        tagged=None."""
        results = []
        pending = []  # (tag, Result)
        queue = list(commands)
        try:
            while queue or pending:
                while queue and len(pending) < window:
                    command = queue.pop(0)
                    segments = command if isinstance(command, list) else [command]
                    tag = self.next_tag()
                    result = Result(command=b"".join(segments), untagged=[])
                    results.append(result)
                    if len(segments) > 1:
                        # literals need the continuation: drain the pipeline first
                        self._drain(pending)
                        early, done = self._send_command(tag, segments)
                        result.untagged.extend(r for r in early if r.tag != tag)
                        if done is not None:
                            result.tagged = done
                            continue
                    else:
                        self._send_command(tag, segments)
                    pending.append((tag, result))
                self._read_one(pending)
        except ConnectionLost as e:
            for result in results:
                if result.tagged is None:
                    result.lost = str(e)
        return results

    def _drain(self, pending):
        while pending:
            self._read_one(pending)

    def _read_one(self, pending):
        if not pending:
            return
        resp = self.read_response()
        tag, result = pending[0]
        if resp.tag == tag:
            result.tagged = resp
            pending.pop(0)
        elif resp.tag == b"*":
            result.untagged.append(resp)
        else:
            for other_tag, other in pending:
                if resp.tag == other_tag:  # answered out of order: a protocol error worth seeing
                    other.tagged = resp
                    pending.remove((other_tag, other))
                    break
            else:
                result.untagged.append(resp)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def quote(text):
    """An IMAP quoted string (RFC 3501 §9 quoted) for 7-bit text."""
    if isinstance(text, str):
        text = text.encode()
    return b'"' + text.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'


def with_literals(command):
    """Turns each quoted string holding 8-bit bytes into a synchronising literal (quoted
    strings may not carry 8-bit data, RFC 3501 §9 QUOTED-CHAR). Returns bytes, or a list of
    segments when literals were needed (see Connection._send_command)."""
    if isinstance(command, str):
        command = command.encode()
    segments = [b""]
    pos = 0
    for m in _QUOTED.finditer(command):
        value = _UNESCAPE.sub(rb"\1", m.group(1))
        if all(b < 0x80 for b in value):
            continue
        segments[-1] += command[pos:m.start()] + b"{%d}" % len(value)
        segments.append(value)
        pos = m.end()
    segments[-1] += command[pos:]
    return segments[0] if len(segments) == 1 else segments
