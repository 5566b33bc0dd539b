"""curl (Debian's, with its own IMAP and POP3 client code) against a running roostd, the way
issue 2's acceptance and the README tell a newcomer to try it: IMAPS LIST, one message by UID
over IMAP with STARTTLS (--ssl-reqd), the POP3S scan listing and one RETR over STLS."""

import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "integration"))

import roost_harness as h  # noqa: E402

CURL = os.environ.get("CURL") or shutil.which("curl") or "curl"
MESSAGES = 5


def has_dot_line(path):
    with open(path, "rb") as f:
        return b"\n." in f.read()


class Curl(h.ServerTestCase):
    server_name = "curl"

    @classmethod
    def prepare(cls):
        # A few corpus messages including ones whose lines start with "." (dot-stuffing).
        sources = h.corpus_files()
        chosen = sources[:MESSAGES - 1] + [next(s for s in sources if has_dot_line(s))]
        cls.stored = h.fill_maildir(cls.server.maildir(), chosen)

    def curl(self, *args):
        command = [CURL, "--silent", "--show-error", "--max-time", "60", "-k",
                   "-u", f"{self.server.user}:{self.server.password}", *args]
        result = subprocess.run(command, capture_output=True, timeout=120)
        self.assertEqual(result.returncode, 0, f"{' '.join(command)}: stderr {result.stderr!r}")
        return result.stdout

    def imap_view(self):
        """UID -> body, as imaplib sees the mailbox."""
        client = self.server.imap_ssl()
        try:
            h.select(client)
            bodies = h.fetch_bodies(client, h.fetch_metadata(client).keys())
        finally:
            client.logout()
        return bodies

    def test_imaps_list(self):
        out = self.curl(f"imaps://127.0.0.1:{self.server.imaps_port}/")
        lines = out.decode().splitlines()
        self.assertTrue(any(line.startswith("* LIST") and line.rstrip().endswith("INBOX") for line in lines),
                        f"curl imaps:// LIST output names INBOX: {out!r}")

    def test_imap_starttls_fetch_uid_1(self):
        bodies = self.imap_view()
        first_uid = min(bodies)
        self.assertEqual(first_uid, 1, "the first message of a fresh mailbox has UID 1")
        out = self.curl("--ssl-reqd", f"imap://127.0.0.1:{self.server.imap_port}/INBOX;UID=1")
        self.assertEqual(out, bodies[1], "curl's UID=1 body is what imaplib fetches for UID 1")
        self.assertIn(h.digest(out), {m.sha for m in self.stored}, "and is a corpus message with CRLF")

    def test_pop3s_scan_listing(self):
        out = self.curl(f"pop3s://127.0.0.1:{self.server.pop3s_port}/")
        listing = [line.split() for line in out.decode().splitlines()]
        self.assertEqual([int(n) for n, _size in listing], list(range(1, MESSAGES + 1)), f"LIST numbers: {out!r}")
        expected_sizes = sorted(len(m.expected) for m in self.stored)
        self.assertEqual(sorted(int(size) for _n, size in listing), expected_sizes,
                         "LIST sizes are the CRLF sizes of the stored messages")

    def test_pop3_stls_retr(self):
        out = self.curl("--ssl-reqd", f"pop3://127.0.0.1:{self.server.pop3_port}/1")
        # curl undoes the dot-stuffing and hands back the octets of the message.
        self.assertIn(h.digest(out), {m.sha for m in self.stored}, f"curl pop3 RETR 1: {out[:200]!r}")


if __name__ == "__main__":
    h.main()
