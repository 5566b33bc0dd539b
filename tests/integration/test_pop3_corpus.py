"""Issue 2 acceptance, POP3 (RFC 1939, RFC 2449, RFC 2595): over the whole corpus, STAT and
LIST sizes are the octets RETR sends; RETR is the message with CRLF line ends and dot-stuffing
undone; TOP n 0 is the header; UIDLs are unique and stable across sessions and restarts; and
the deletion semantics: only QUIT in TRANSACTION state removes what DELE marked."""

import collections
import os
import poplib
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import roost_harness as h  # noqa: E402

CRLF = b"\r\n"
# RFC 1939 7 (UIDL): 1 to 70 characters in the range 0x21 to 0x7E.
UIDL_SYNTAX = re.compile(rb"^[\x21-\x7e]{1,70}$")


def pop3_body(lines):
    """poplib hands back the lines without CRLF and with the byte-stuffing removed."""
    return b"".join(line + CRLF for line in lines)


def parse_listing(lines):
    """b'1 123' lines (LIST, UIDL) -> {1: b'123'}."""
    result = {}
    for line in lines:
        number, value = line.split(b" ", 1)
        result[int(number)] = value
    return result


class Pop3Corpus(h.ServerTestCase):
    server_name = "pop3-corpus"

    @classmethod
    def prepare(cls):
        cls.stored = h.fill_maildir(cls.server.maildir(), h.corpus_files())
        print(f"corpus: {h.corpus_dir()} ({len(cls.stored)} messages)", flush=True)
        cls.count_by_sha = collections.Counter(m.sha for m in cls.stored)
        cls.uidls = None

    def login(self, connect, attempts=50):
        """A session; retries while the previous session's lock is still being released
        (the server may see the dropped connection a moment later)."""
        for attempt in range(attempts):
            client = connect(login=False)
            try:
                client.user(self.server.user)
                client.pass_(self.server.password)
                return client
            except poplib.error_proto as e:
                client.close()
                if b"[IN-USE]" not in e.args[0] or attempt == attempts - 1:
                    raise
                time.sleep(0.1)

    def uidl_map(self, client):
        _resp, lines, _octets = client.uidl()
        return parse_listing(lines)

    def test_1_sizes_content_and_top(self):
        client = self.login(self.server.pop3_stls)
        try:
            count, total = client.stat()
            self.assertEqual(count, len(self.stored), "STAT message count")
            _resp, lines, _octets = client.list()
            sizes = {n: int(v) for n, v in parse_listing(lines).items()}
            self.assertEqual(sorted(sizes), list(range(1, count + 1)), "LIST numbers 1..n")
            self.assertEqual(sum(sizes.values()), total, "STAT size is the sum of the LIST sizes")
            scan = client.list(count)
            self.assertEqual(scan.split()[1:], [str(count).encode(), str(sizes[count]).encode()],
                             "LIST n answers +OK n size")
            seen = collections.Counter()
            with h.Timer(f"POP3 STLS: RETR of {count} messages"):
                for number in range(1, count + 1):
                    _resp, lines, octets = client.retr(number)
                    body = pop3_body(lines)
                    # RFC 1939 5 (LIST): the size is the exact octet count RETR sends.
                    self.assertEqual(len(body), sizes[number], f"RETR {number} length vs LIST size")
                    self.assertEqual(octets, sizes[number], f"RETR {number} octets on the wire vs LIST")
                    sha = h.digest(body)
                    self.assertIn(sha, self.count_by_sha,
                                  f"RETR {number} is not any corpus file with CRLF line ends: {body[:200]!r}")
                    seen[sha] += 1
                    if number % 10 == 1:
                        self.check_top(client, number, body)
            self.assertEqual(seen, self.count_by_sha, "RETR returned every corpus message once")
        finally:
            client.quit()

    def check_top(self, client, number, body):
        # RFC 1939 7 (TOP): the header, the blank line, then n body lines (here none).
        end = body.find(b"\r\n\r\n")
        expected = body if end < 0 else body[:end + 4]
        _resp, lines, _octets = client.top(number, 0)
        self.assertEqual(pop3_body(lines), expected, f"TOP {number} 0 is the header and the blank line")

    def test_2_uidl_unique_and_stable(self):
        first = self.login(self.server.pop3_stls)
        try:
            uidls = self.uidl_map(first)
        finally:
            first.quit()
        self.assertEqual(len(uidls), len(self.stored), "UIDL lists every message")
        for number, uid in uidls.items():
            self.assertRegex(uid, UIDL_SYNTAX, f"UIDL {number}")
        self.assertEqual(len(set(uidls.values())), len(uidls), "UIDLs are unique (RFC 1939 7)")
        second = self.login(self.server.pop3_ssl)
        try:
            self.assertEqual(self.uidl_map(second), uidls, "UIDL in a second session (POP3S)")
            self.assertEqual(second.uidl(1).split()[1:], [b"1", uidls[1]], "UIDL 1 answers +OK 1 uid")
        finally:
            second.quit()
        with h.Timer("restart roostd"):
            self.server.restart()
        third = self.login(self.server.pop3_stls)
        try:
            self.assertEqual(self.uidl_map(third), uidls, "UIDL after a restart of roostd")
        finally:
            third.quit()
        type(self).uidls = uidls

    def test_3_dropped_connection_deletes_nothing(self):
        client = self.login(self.server.pop3_ssl)
        before = self.uidl_map(client)
        client.dele(1)
        client.dele(2)
        client.close()  # the TCP connection drops without QUIT (RFC 1939 6: no UPDATE state)
        client = self.login(self.server.pop3_ssl)
        try:
            self.assertEqual(self.uidl_map(client), before, "nothing removed after a drop following DELE")
        finally:
            client.quit()

    def test_4_rset_unmarks(self):
        client = self.login(self.server.pop3_stls)
        before = self.uidl_map(client)
        client.dele(1)
        client.dele(3)
        with self.assertRaises(poplib.error_proto, msg="RETR of a message marked as deleted is -ERR"):
            client.retr(1)
        client.rset()
        client.quit()
        client = self.login(self.server.pop3_stls)
        try:
            self.assertEqual(self.uidl_map(client), before, "nothing removed after DELE, RSET, QUIT")
        finally:
            client.quit()

    def test_5_quit_removes_marked(self):
        client = self.login(self.server.pop3_stls)
        before = self.uidl_map(client)
        count, _total = client.stat()
        _resp, lines, _octets = client.retr(1)
        sha = h.digest(pop3_body(lines))
        client.dele(1)
        self.assertEqual(client.stat()[0], count - 1, "STAT leaves out messages marked as deleted")
        resp = client.quit()
        self.assertTrue(resp.startswith(b"+OK"), f"QUIT after DELE: {resp!r}")

        client = self.login(self.server.pop3_ssl)
        try:
            after = self.uidl_map(client)
        finally:
            client.quit()
        self.assertEqual(sorted(after.values()), sorted(v for n, v in before.items() if n != 1),
                         "after DELE 1 + QUIT, exactly message 1 is gone from POP3")

        # IMAP and POP3 are two views of one mailbox (DESIGN.md).
        imap = self.server.imap_starttls()
        try:
            exists, _uidvalidity = h.select(imap)
            self.assertEqual(exists, count - 1, "IMAP EXISTS after the POP3 deletion")
            metadata = h.fetch_metadata(imap)
            candidates = [uid for uid, (size, _flags) in metadata.items()
                          if size == self.size_of(sha)]
            bodies = h.fetch_bodies(imap, candidates) if candidates else {}
            still_there = sum(1 for body in bodies.values() if h.digest(body) == sha)
            self.assertEqual(still_there, self.count_by_sha[sha] - 1,
                             "the message POP3 deleted is gone from IMAP too")
        finally:
            imap.logout()

    def size_of(self, sha):
        return next(len(m.expected) for m in self.stored if m.sha == sha)

    def test_6_second_session_is_refused_in_use(self):
        holder = self.login(self.server.pop3_stls)
        try:
            other = self.server.pop3_ssl(login=False)
            try:
                other.user(self.server.user)
                with self.assertRaises(poplib.error_proto) as refused:
                    other.pass_(self.server.password)
                # RFC 2449 8.1.1: [IN-USE] when the maildrop is locked by another session.
                self.assertIn(b"[IN-USE]", refused.exception.args[0], "second session's answer")
            finally:
                other.close()
        finally:
            holder.quit()
        # Once the first session is gone the mailbox is free again.
        self.login(self.server.pop3_ssl).quit()


if __name__ == "__main__":
    h.main()
