"""Issue 2 scope 2: with no -c, roostd runs from its embedded default — state under
$ROOST_HOME, listeners on 127.0.0.1 at 10143 (STARTTLS), 10993, 10110 (STLS), 10995, and a
self-signed certificate it makes itself on first start that names localhost and 127.0.0.1
(so that name-checking clients can be pointed at it); a user added with roostadm (same
$ROOST_HOME) can log in; SIGTERM and SIGINT both stop it with exit status 0.

This is the one test that uses the fixed default ports. Run as root (as `make test` is), it
re-runs itself in a private network namespace with only a loopback interface, so a `make run`
demo holding those ports on the host does not get in its way; otherwise it fails, saying so,
if something else holds them."""

import imaplib
import os
import poplib
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import roost_harness as h  # noqa: E402

DEFAULT_PORTS = {"imap": 10143, "imaps": 10993, "pop3": 10110, "pop3s": 10995}
USER, PASSWORD = "someone@example.org", "embedded default password"


class EmbeddedDefault(unittest.TestCase):
    def setUp(self):
        for name, port in DEFAULT_PORTS.items():
            with socket.socket() as s:
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                try:
                    s.bind(("127.0.0.1", port))
                except OSError:
                    self.fail(f"port {port} ({name}) is in use: is a `make run` roostd running? stop it first")
        self.home = tempfile.mkdtemp(prefix="roost-embedded-")
        self.env = dict(os.environ, ROOST_HOME=self.home)
        self.log_path = self.home + ".log"
        self.process = None
        self.ok = False

    def tearDown(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        with open(self.log_path, "rb") as f:
            sys.stderr.write("--- roostd log:\n" + f.read().decode("utf-8", "replace")[-4000:] + "\n")
        if self.ok and not os.environ.get("ROOST_TEST_KEEP"):
            shutil.rmtree(self.home, ignore_errors=True)
            os.unlink(self.log_path)
        else:
            sys.stderr.write(f"--- kept {self.home}\n")

    def start(self):
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen([h.ROOSTD], env=self.env, cwd=self.home,
                                            stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        deadline = time.monotonic() + h.START_TIMEOUT
        for port in DEFAULT_PORTS.values():
            while True:
                self.assertIsNone(self.process.poll(), "roostd exited during start-up (see its log below)")
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    self.assertLess(time.monotonic(), deadline, f"roostd never listened on 127.0.0.1:{port}")
                    time.sleep(0.05)

    def stop(self, signum):
        self.process.send_signal(signum)
        code = self.process.wait(timeout=h.START_TIMEOUT)
        self.process = None
        self.assertEqual(code, 0, f"exit status after {signal.Signals(signum).name}")

    def test_runs_without_a_config_file(self):
        h.run_checked([h.ROOSTADM, "user", "add", USER, "--password-stdin"], input_text=PASSWORD + "\n",
                      env=self.env)
        self.start()

        # The generated certificate must verify as 127.0.0.1 and as localhost.
        pem = ssl.get_server_certificate(("127.0.0.1", DEFAULT_PORTS["imaps"]))
        cafile = self.home + "-cert.pem"
        with open(cafile, "w") as f:
            f.write(pem)
        try:
            for name in ("127.0.0.1", "localhost"):
                context = ssl.create_default_context(cafile=cafile)
                with socket.create_connection(("127.0.0.1", DEFAULT_PORTS["imaps"]), timeout=10) as raw:
                    with context.wrap_socket(raw, server_hostname=name) as tls:
                        self.assertTrue(tls.recv(100).startswith(b"* OK"), f"IMAPS greeting, verified as {name}")
            context = ssl.create_default_context(cafile=cafile)
        finally:
            os.unlink(cafile)

        imap = imaplib.IMAP4("127.0.0.1", DEFAULT_PORTS["imap"], timeout=h.SOCKET_TIMEOUT)
        imap.starttls(ssl_context=context)
        h.imap_ok(imap.login(USER, PASSWORD), "IMAP LOGIN of a user added with roostadm")
        exists, _uidvalidity = h.select(imap)
        self.assertEqual(exists, 0, "a new user's INBOX is empty")
        imap.logout()

        pop = poplib.POP3_SSL("127.0.0.1", DEFAULT_PORTS["pop3s"], context=context, timeout=h.SOCKET_TIMEOUT)
        pop.user(USER)
        pop.pass_(PASSWORD)
        self.assertEqual(pop.stat(), (0, 0), "POP3S STAT of an empty maildrop")
        pop.quit()

        # State lives under $ROOST_HOME: the Maildir (mail/%d/%n/Maildir) was made there.
        self.assertTrue(os.path.isdir(os.path.join(self.home, "mail", "example.org", "someone", "Maildir")),
                        f"Maildir under $ROOST_HOME ({os.listdir(self.home)})")
        self.stop(signal.SIGTERM)

        # A second start reuses the certificate and the user; SIGINT (Ctrl-C) stops it cleanly too.
        self.start()
        self.assertEqual(ssl.get_server_certificate(("127.0.0.1", DEFAULT_PORTS["imaps"])), pem,
                         "the certificate made on first start is kept")
        self.stop(signal.SIGINT)
        self.ok = True


def in_private_network_namespace():
    """Re-executes this file under `unshare -n` (root only) with the loopback interface up."""
    if os.environ.get("ROOST_TEST_NETNS") or os.geteuid() != 0:
        return False
    if not shutil.which("unshare") or not shutil.which("ip"):
        return False
    env = dict(os.environ, ROOST_TEST_NETNS="1")
    script = 'ip link set lo up && exec "$0" "$@"'
    command = ["unshare", "--net", "--", "sh", "-c", script, sys.executable, os.path.abspath(__file__)]
    sys.exit(subprocess.call(command + sys.argv[1:], env=env))


if __name__ == "__main__":
    in_private_network_namespace()
    h.main()
