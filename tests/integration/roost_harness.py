"""Runs a real roostd for one integration test file: temp dir, free loopback ports, a
self-signed certificate, a Dovecot-style roost.conf, one user, start/stop/restart.

Python 3 standard library only. The binaries come from meson through the environment
(ROOSTD, ROOSTADM); run by hand they default to build/ in the repository.
"""

import hashlib
import imaplib
import os
import poplib
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import unittest

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

ROOSTD = os.environ.get("ROOSTD", os.path.join(REPO_ROOT, "build", "src", "server", "roostd"))
ROOSTADM = os.environ.get("ROOSTADM", os.path.join(REPO_ROOT, "build", "src", "adm", "roostadm"))

# Sanitizer builds start and answer several times slower.
START_TIMEOUT = float(os.environ.get("ROOST_TEST_START_TIMEOUT", "30"))
SOCKET_TIMEOUT = float(os.environ.get("ROOST_TEST_SOCKET_TIMEOUT", "120"))

USER = "u@example.com"
PASSWORD = "correct horse battery staple"

# RFC 1939 does not bound the length of message lines and the corpus has lines of ~48 KB;
# poplib's default limit (2048) would reject them before the server is even judged.
poplib._MAXLINE = 1 << 20


def corpus_dir():
    """../shared/corpus next to the repository when present, else the shipped subset.
    ROOST_TEST_CORPUS overrides both."""
    override = os.environ.get("ROOST_TEST_CORPUS")
    if override:
        return override
    shared = os.path.join(os.path.dirname(REPO_ROOT), "shared", "corpus")
    if os.path.isdir(shared):
        return shared
    return os.path.join(REPO_ROOT, "tests", "data", "corpus")


def corpus_files(directory=None):
    """Every .eml file of the corpus, in a stable order."""
    directory = directory or corpus_dir()
    found = []
    for root, _dirs, files in os.walk(directory):
        found.extend(os.path.join(root, name) for name in files if name.endswith(".eml"))
    found.sort()
    if not found:
        raise AssertionError(f"no .eml files under {directory}")
    return found


def to_crlf(data):
    """What a client must receive for a stored message: every LF not already preceded by CR
    becomes CRLF (DESIGN.md: files may have LF or CRLF line ends; clients always see CRLF).
    Bare CRs elsewhere are message content and stay as they are."""
    return re.sub(rb"(?<!\r)\n", b"\r\n", data)


def digest(data):
    return hashlib.sha256(data).hexdigest()


class StoredMessage:
    """One corpus file as placed into a Maildir, and what a client must see of it."""

    def __init__(self, source, maildir_path, flags):
        self.source = source
        self.maildir_path = maildir_path
        self.flags = flags  # set of IMAP system flags, e.g. {"\\Seen"}
        with open(source, "rb") as f:
            self.expected = to_crlf(f.read())
        self.sha = digest(self.expected)


# Maildir info letters (the part after ":2,") and the IMAP flags they stand for.
MAILDIR_FLAG_LETTERS = {"D": "\\Draft", "F": "\\Flagged", "R": "\\Answered", "S": "\\Seen", "T": "\\Deleted"}


def placement(index):
    """Where message number `index` (1-based) goes: (subfolder, info suffix). Every 5th into
    cur/ as flagged+seen, every other 3rd into cur/ as seen, the rest into new/ like a fresh
    delivery."""
    if index % 5 == 0:
        return "cur", ":2,FS"
    if index % 3 == 0:
        return "cur", ":2,S"
    return "new", ""


def fill_maildir(maildir, sources, placement_rule=placement):
    """Puts the files into a Maildir under unique names, as a delivery agent would (tmp/,
    then rename). Returns the list of StoredMessage."""
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(maildir, sub), exist_ok=True)
    stored = []
    base_time = int(time.time()) - len(sources)
    for index, source in enumerate(sources, start=1):
        sub, info = placement_rule(index)
        name = f"{base_time + index}.M{index:06d}P{os.getpid()}.roosttest"
        tmp_path = os.path.join(maildir, "tmp", name)
        final_path = os.path.join(maildir, sub, name + info)
        shutil.copyfile(source, tmp_path)
        os.rename(tmp_path, final_path)
        flags = {MAILDIR_FLAG_LETTERS[c] for c in info[3:]} if info else set()
        stored.append(StoredMessage(source, final_path, flags))
    return stored


def free_ports(count):
    """Distinct loopback ports that were free a moment ago (all held open until all are
    chosen, so that they differ)."""
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def run_checked(args, input_text=None, timeout=60, env=None):
    result = subprocess.run(args, input=input_text, capture_output=True, text=True, timeout=timeout, env=env)
    if result.returncode != 0:
        raise AssertionError(
            f"command failed with exit status {result.returncode}: {' '.join(args)}\n"
            f"stdout: {result.stdout}\nstderr: {result.stderr}")
    return result


def wait_until_accepting(process, ports, name):
    """Waits until `process` accepts connections on every loopback port. Returns None, or what
    went wrong: the process exited, or START_TIMEOUT passed."""
    deadline = time.monotonic() + START_TIMEOUT
    pending = list(ports)
    while pending:
        if process.poll() is not None:
            return f"{name} exited with status {process.returncode} during start-up"
        try:
            with socket.create_connection(("127.0.0.1", pending[0]), timeout=1):
                pending.pop(0)
        except OSError:
            if time.monotonic() > deadline:
                return f"{name} did not accept on port {pending[0]} within {START_TIMEOUT}s"
            time.sleep(0.05)
    return None


class RoostServer:
    """One roostd with its own temp dir, ports, certificate, config and user database."""

    def __init__(self, name, user=USER, password=PASSWORD):
        for program in (ROOSTD, ROOSTADM):
            if not os.access(program, os.X_OK):
                raise AssertionError(f"{program} is not built (set ROOSTD/ROOSTADM or build into build/)")
        self.name = name
        self.dir = tempfile.mkdtemp(prefix=f"roost-{name}-")
        self.user = user
        self.password = password
        self.imap_port, self.imaps_port, self.pop3_port, self.pop3s_port = free_ports(4)
        self.cert = os.path.join(self.dir, "cert.pem")
        self.key = os.path.join(self.dir, "key.pem")
        self.config = os.path.join(self.dir, "roost.conf")
        self.log_path = os.path.join(self.dir, "roostd.log")
        self.process = None
        self.failed = False
        run_checked([ROOSTADM, "cert", "selfsigned", "--cert", self.cert, "--key", self.key])
        with open(self.config, "w") as f:
            f.write(self.config_text())
        self.add_user(user, password)

    def config_text(self):
        d = self.dir
        return f"""# written by tests/integration/roost_harness.py
listen = 127.0.0.1
protocols = imap pop3
ssl = yes
ssl_cert = <{d}/cert.pem
ssl_key = <{d}/key.pem
auth_mechanisms = plain login
mail_location = maildir:{d}/mail/%d/%n/Maildir
passdb {{
  driver = sqlite
  args = {d}/users.db
}}
userdb {{
  driver = sqlite
  args = {d}/users.db
}}
service imap-login {{
  inet_listener imap {{
    port = {self.imap_port}
  }}
  inet_listener imaps {{
    port = {self.imaps_port}
    ssl = yes
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = {self.pop3_port}
  }}
  inet_listener pop3s {{
    port = {self.pop3s_port}
    ssl = yes
  }}
}}
"""

    def add_user(self, user, password):
        run_checked([ROOSTADM, "-c", self.config, "user", "add", user, "--password-stdin"],
                    input_text=password + "\n")

    def maildir(self, user=None):
        local, domain = (user or self.user).split("@")
        return os.path.join(self.dir, "mail", domain, local, "Maildir")

    # --- process control -------------------------------------------------------------

    def start(self):
        assert self.process is None, "roostd is already running"
        log = open(self.log_path, "ab")
        log.write(f"--- roostd start {time.strftime('%H:%M:%S')}\n".encode())
        log.flush()
        self.process = subprocess.Popen([ROOSTD, "-c", self.config], stdin=subprocess.DEVNULL,
                                        stdout=log, stderr=log, cwd=self.dir)
        log.close()
        problem = wait_until_accepting(self.process, [self.imap_port, self.imaps_port, self.pop3_port, self.pop3s_port],
                                       "roostd")
        if problem:
            if self.process.poll() is not None:
                self.process = None
            self.fail(problem)

    def stop(self):
        """SIGTERM must stop roostd cleanly: exit status 0 (DESIGN.md, issue 2 scope 2)."""
        if self.process is None:
            return
        process, self.process = self.process, None
        process.send_signal(signal.SIGTERM)
        try:
            code = process.wait(timeout=START_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            self.fail(f"roostd did not stop within {START_TIMEOUT}s of SIGTERM")
        if code != 0:
            self.fail(f"roostd exited with status {code} after SIGTERM (expected 0)")

    def restart(self):
        self.stop()
        self.start()

    def log_tail(self, lines=40):
        try:
            with open(self.log_path, "rb") as f:
                text = f.read().decode("utf-8", "replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def fail(self, message):
        self.failed = True
        raise AssertionError(f"{message}\n--- last lines of {self.log_path}:\n{self.log_tail()}")

    def close(self, test_failed):
        """Stops roostd; removes the temp dir unless something failed (or ROOST_TEST_KEEP)."""
        try:
            self.stop()
        finally:
            keep = test_failed or self.failed or os.environ.get("ROOST_TEST_KEEP")
            sys.stderr.write(f"--- roostd log ({self.log_path}), last lines:\n{self.log_tail()}\n")
            if keep:
                sys.stderr.write(f"--- kept {self.dir}\n")
            else:
                shutil.rmtree(self.dir, ignore_errors=True)

    # --- clients ------------------------------------------------------------------------

    def tls_context(self):
        """A client context that verifies the test certificate, host name included: the
        certificate names 127.0.0.1, which is what clients like mbsync check."""
        context = ssl.create_default_context(cafile=self.cert)
        context.check_hostname = True
        return context

    def imap_starttls(self, login=True):
        client = imaplib.IMAP4("127.0.0.1", self.imap_port, timeout=SOCKET_TIMEOUT)
        client.starttls(ssl_context=self.tls_context())
        if login:
            client.login(self.user, self.password)
        return client

    def imap_ssl(self, login=True):
        client = imaplib.IMAP4_SSL("127.0.0.1", self.imaps_port, ssl_context=self.tls_context(),
                                   timeout=SOCKET_TIMEOUT)
        if login:
            client.login(self.user, self.password)
        return client

    def pop3_stls(self, login=True):
        client = poplib.POP3("127.0.0.1", self.pop3_port, timeout=SOCKET_TIMEOUT)
        client.stls(context=self.tls_context())
        if login:
            client.user(self.user)
            client.pass_(self.password)
        return client

    def pop3_ssl(self, login=True):
        client = poplib.POP3_SSL("127.0.0.1", self.pop3s_port, context=self.tls_context(),
                                 timeout=SOCKET_TIMEOUT)
        if login:
            client.user(self.user)
            client.pass_(self.password)
        return client


# --- IMAP response helpers ------------------------------------------------------------------

def imap_ok(result, what):
    typ, data = result
    if typ != "OK":
        raise AssertionError(f"{what}: expected OK, got {typ} {data!r}")
    return data


def select(client, mailbox="INBOX"):
    """SELECT; returns (EXISTS, UIDVALIDITY)."""
    data = imap_ok(client.select(mailbox), f"SELECT {mailbox}")
    exists = int(data[0])
    _typ, uidvalidity = client.response("UIDVALIDITY")
    if not uidvalidity or uidvalidity[0] is None:
        raise AssertionError(f"SELECT {mailbox}: no [UIDVALIDITY n] response code (RFC 3501 6.3.1)")
    return exists, int(uidvalidity[0])


FETCH_UID = re.compile(rb"\bUID (\d+)")
FETCH_SIZE = re.compile(rb"\bRFC822\.SIZE (\d+)")
FETCH_FLAGS = re.compile(rb"\bFLAGS \(([^)]*)\)")


def fetch_metadata(client, uid_set="1:*"):
    """UID FETCH uid_set (UID FLAGS RFC822.SIZE): {uid: (size, set of flags without \\Recent)}."""
    data = imap_ok(client.uid("FETCH", uid_set, "(UID FLAGS RFC822.SIZE)"), f"UID FETCH {uid_set}")
    result = {}
    for line in data:
        if line is None:
            continue
        if isinstance(line, tuple):
            raise AssertionError(f"unexpected literal in FETCH (UID FLAGS RFC822.SIZE): {line!r}")
        uid, size, flags = FETCH_UID.search(line), FETCH_SIZE.search(line), FETCH_FLAGS.search(line)
        if not (uid and size and flags):
            raise AssertionError(f"FETCH response lacks UID, RFC822.SIZE or FLAGS: {line!r}")
        flag_set = {f.decode() for f in flags.group(1).split()} - {"\\Recent"}
        result[int(uid.group(1))] = (int(size.group(1)), flag_set)
    return result


def fetch_bodies(client, uids, item="BODY.PEEK[]", chunk=64):
    """UID FETCH of one literal item for many UIDs, in chunks: {uid: bytes}."""
    bodies = {}
    uids = sorted(uids)
    for start in range(0, len(uids), chunk):
        part = uids[start:start + chunk]
        uid_set = ",".join(str(u) for u in part)
        data = imap_ok(client.uid("FETCH", uid_set, f"(UID {item})"), f"UID FETCH {uid_set} {item}")
        bodies.update(_literals_by_uid(data, item))
        missing = set(part) - bodies.keys()
        if missing:
            raise AssertionError(f"UID FETCH {item}: no answer for UIDs {sorted(missing)[:10]}")
    return bodies


def _literals_by_uid(data, item):
    """imaplib gives (prefix, literal) tuples followed by the rest of the line as bytes; UID may
    be on either side of the literal (RFC 3501 7.4.2 fixes no order)."""
    found = {}
    current = None
    for part in data:
        if isinstance(part, tuple):
            if current:
                _store_literal(found, current, item)
            current = [part[0], part[1]]
        elif part is not None and current is not None:
            current[0] += b" " + part
    if current:
        _store_literal(found, current, item)
    return found


def _store_literal(found, current, item):
    meta, literal = current
    uid = FETCH_UID.search(meta)
    if not uid:
        raise AssertionError(f"FETCH {item} response without UID: {meta!r}")
    found[int(uid.group(1))] = literal


def first_difference(a, b):
    """Human-readable position and context of the first byte where a and b differ."""
    limit = min(len(a), len(b))
    index = next((i for i in range(limit) if a[i] != b[i]), limit)
    return (f"first difference at byte {index} (lengths {len(a)} and {len(b)}): "
            f"{a[max(0, index - 20):index + 40]!r} vs {b[max(0, index - 20):index + 40]!r}")


class Timer:
    """Prints how long a step took (the durations land in meson's test log)."""

    def __init__(self, what):
        self.what = what

    def __enter__(self):
        self.start = time.monotonic()
        return self

    def __exit__(self, *exc):
        self.elapsed = time.monotonic() - self.start
        print(f"[time] {self.what}: {self.elapsed:.2f}s", flush=True)
        return False


class ServerTestCase(unittest.TestCase):
    """One roostd per test class, started in setUpClass after `prepare` (which may fill
    Maildirs). Test methods run in name order (test_1_..., test_2_...) and may depend on
    each other's effects, the way one client session follows another."""

    server_name = "test"
    any_failed = False

    @classmethod
    def prepare(cls):
        pass

    @classmethod
    def setUpClass(cls):
        cls.server = RoostServer(cls.server_name)
        try:
            cls.prepare()
            cls.server.start()
        except BaseException:
            cls.server.close(test_failed=True)
            raise

    def tearDown(self):
        result = getattr(self._outcome, "result", None)
        if result is not None and (result.errors or result.failures):
            type(self).any_failed = True

    @classmethod
    def tearDownClass(cls):
        cls.server.close(test_failed=cls.any_failed)


def main():
    unittest.main(verbosity=2)
