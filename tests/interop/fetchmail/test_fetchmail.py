"""fetchmail (Debian's 6.4) against a running roostd over POP3, the way a small office still
pulls mail into a local MTA:

1. STLS with --keep: every message delivered byte for byte, nothing removed;
2. POP3S with --uidl: a second run fetches only what arrived since (UIDLs stable, RFC 1939 §7);
3. killed (SIGKILL) in the middle of a fetch that would delete: no QUIT, so nothing is removed
   (RFC 1939 §6: deletion happens in the UPDATE state only);
4. without --keep: every message delivered, then gone from POP3 and from IMAP after QUIT.

fetchmail checks the certificate against sslcertfile and the name "localhost" (it ignores
IP addresses in the certificate, so it cannot be pointed at 127.0.0.1).
"""

import os
import re
import shutil
import stat
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "integration"))

import roost_harness as h  # noqa: E402

FETCHMAIL = os.environ.get("FETCHMAIL") or shutil.which("fetchmail") or "fetchmail"
MESSAGES = 30
HEADER_LINE = re.compile(rb"^([!-9;-~]+:|[ \t])")


def fetchmail_accepts(path):
    """fetchmail refuses a message whose header has a line that is neither a field nor a
    continuation ("incorrect header line found"), or that has no end of header."""
    with open(path, "rb") as f:
        data = f.read().replace(b"\r\n", b"\n")
    if b"\n\n" not in data:
        return False
    header = data.split(b"\n\n", 1)[0]
    return all(HEADER_LINE.match(line) for line in header.split(b"\n"))


class Fetchmail(h.ServerTestCase):
    server_name = "fetchmail"

    @classmethod
    def prepare(cls):
        sources = [s for s in h.corpus_files() if fetchmail_accepts(s)][:MESSAGES]
        cls.stored = h.fill_maildir(cls.server.maildir(), sources)
        # The client's side lives in the server's temp dir: removed with it, or kept with it
        # when a test fails (ROOST_TEST_KEEP).
        cls.work = os.path.join(cls.server.dir, "client")
        cls.delivered = os.path.join(cls.work, "delivered")
        os.makedirs(cls.delivered)
        # The MDA: one file per message; with KILL_AFTER=n it SIGKILLs fetchmail (whose pid
        # the wrapper below wrote) once n messages are in, before fetchmail can send QUIT.
        cls.mda = os.path.join(cls.work, "deliver.sh")
        with open(cls.mda, "w") as f:
            f.write(f"""#!/bin/sh
set -e
out=$(mktemp {cls.delivered}/msg.XXXXXXXX)
cat > "$out"
if [ -n "${{KILL_AFTER:-}}" ] && [ "$(ls {cls.delivered} | wc -l)" -ge "$KILL_AFTER" ]; then
    kill -KILL "$(cat {cls.work}/fetchmail.pid)"
fi
""")
        os.chmod(cls.mda, 0o755)

    def rc_file(self, name, port, implicit_tls):
        path = os.path.join(self.work, name)
        with open(path, "w") as f:
            f.write(f"""set no bouncemail
poll localhost service {port} protocol pop3 auth password timeout 60
  user "{self.server.user}" password "{self.server.password}"
  {"ssl " if implicit_tls else ""}sslproto "tls1.2+" sslcertck sslcertfile "{self.server.cert}"
  mda "{self.mda}"
  no rewrite
""")
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)  # fetchmail refuses a readable rc file
        return path

    def fetchmail(self, rc, *options, kill_after=None, expect=(0,)):
        env = dict(os.environ, HOME=self.work, FETCHMAILHOME=self.work)
        if kill_after:
            env["KILL_AFTER"] = str(kill_after)
        # exec keeps the pid, so the MDA can kill fetchmail itself.
        command = ["sh", "-c", f'echo $$ > {self.work}/fetchmail.pid; exec "$@"', "fetchmail", FETCHMAIL,
                   "-f", rc, "-i", os.path.join(self.work, "idfile"), "--invisible", "-v", *options]
        result = subprocess.run(command, capture_output=True, timeout=300, env=env)
        output = (result.stdout + result.stderr).decode("utf-8", "replace")
        self.assertIn(result.returncode, expect, f"fetchmail {' '.join(options)}; its output:\n{output[-4000:]}")
        return output

    def take_delivered(self):
        """The messages the MDA received since the last call, as CRLF digests."""
        digests = []
        for name in sorted(os.listdir(self.delivered)):
            path = os.path.join(self.delivered, name)
            with open(path, "rb") as f:
                digests.append(h.digest(h.to_crlf(f.read())))
            os.remove(path)
        return digests

    def pop3_count(self):
        client = self.server.pop3_ssl()
        try:
            return client.stat()[0]
        finally:
            client.quit()

    def test_1_stls_keep(self):
        rc = self.rc_file("stls", self.server.pop3_port, implicit_tls=False)
        self.fetchmail(rc, "--keep", "--fetchall")
        self.assertEqual(sorted(self.take_delivered()), sorted(m.sha for m in self.stored),
                         "every message delivered exactly as stored (CRLF aside)")
        self.assertEqual(self.pop3_count(), MESSAGES, "--keep removes nothing")

    def test_2_pop3s_uidl_fetches_only_new_mail(self):
        rc = self.rc_file("pop3s", self.server.pop3s_port, implicit_tls=True)
        self.fetchmail(rc, "--keep", "--uidl")
        self.assertEqual(len(self.take_delivered()), MESSAGES, "first --uidl run: everything is new")
        late = h.fill_maildir(self.server.maildir(), h.corpus_files()[-2:], lambda _i: ("new", ""))
        # fetchmail exits 1 when there was no mail; here there is.
        self.fetchmail(rc, "--keep", "--uidl")
        self.assertEqual(sorted(self.take_delivered()), sorted(m.sha for m in late),
                         "second run: only the two messages that arrived since")

    def test_3_killed_mid_fetch_deletes_nothing(self):
        before = self.pop3_count()
        rc = self.rc_file("kill", self.server.pop3s_port, implicit_tls=True)
        output = self.fetchmail(rc, "--fetchall", "--nokeep", kill_after=4, expect=(-9, 137))
        self.assertGreaterEqual(len(self.take_delivered()), 4)
        self.assertIn("POP3> DELE 1", output, "fetchmail marked messages for deletion before it died")
        self.assertNotIn("POP3> QUIT", output)
        time.sleep(0.5)  # the server notices the dropped connection
        self.assertEqual(self.pop3_count(), before, "a session without QUIT removes nothing")

    def test_4_nokeep_removes_after_quit(self):
        before = self.pop3_count()
        rc = self.rc_file("nokeep", self.server.pop3s_port, implicit_tls=True)
        self.fetchmail(rc, "--fetchall", "--nokeep")
        self.assertEqual(len(self.take_delivered()), before)
        self.assertEqual(self.pop3_count(), 0, "QUIT removed every message fetchmail deleted")
        client = self.server.imap_ssl()
        try:
            self.assertEqual(h.select(client)[0], 0, "and IMAP sees them gone too")
        finally:
            client.logout()


if __name__ == "__main__":
    h.main()
