"""A private Dovecot for the differential suite: its own temp dir (config, state, logs, mail),
one free loopback port, plaintext IMAP only, the same user and password as the roostd of
roost_harness. Never touches the system-wide Dovecot or its ports.

Runs as root (mail processes as root, login and internal processes as Debian's dovecot and
dovenull users) or as any other user (everything as that user).
"""

import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "integration"))
import roost_harness  # noqa: E402

DOVECOT = os.environ.get("DOVECOT") or shutil.which("dovecot") or "/usr/sbin/dovecot"
START_TIMEOUT = 30


def dovecot_missing_message():
    return (f"Dovecot is not installed ({DOVECOT} not found). The conformance suite compares "
            "roostd with a private Dovecot: run scripts/install-deps.sh as root (it installs "
            "the Debian package dovecot-imapd and leaves the system service stopped), or set "
            "DOVECOT to the dovecot binary.")


class DovecotServer:
    def __init__(self, user, password, port):
        if not os.access(DOVECOT, os.X_OK):
            raise AssertionError(dovecot_missing_message())
        self.user = user
        self.password = password
        self.port = port
        # Dovecot's unprivileged processes (auth reads the passwd file) must reach this dir.
        self.dir = tempfile.mkdtemp(prefix="roost-conformance-dovecot-")
        os.chmod(self.dir, 0o755)
        self.config = os.path.join(self.dir, "dovecot.conf")
        self.log_path = os.path.join(self.dir, "dovecot.log")
        self.process = None
        self.passwd = os.path.join(self.dir, "passwd")
        open(self.passwd, "w").close()
        os.chmod(self.passwd, 0o644)
        self.add_user(user, password)
        with open(self.config, "w") as f:
            f.write(self.config_text(self.passwd))

    def add_user(self, user, password):
        """passwd-file is read on every login, so users may be added while Dovecot runs."""
        with open(self.passwd, "a") as f:
            f.write(f"{user}:{{PLAIN}}{password}\n")

    def config_text(self, passwd):
        d = self.dir
        uid, gid = self.mail_ids()
        if os.getuid() == 0:
            internal_user, login_user = "dovecot", "dovenull"
        else:
            internal_user = login_user = pwd.getpwuid(uid).pw_name
        return f"""# written by tests/conformance/dovecot_harness.py
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal_user}
default_login_user = {login_user}
first_valid_uid = 0
first_valid_gid = 0
passdb {{
  driver = passwd-file
  args = {passwd}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={d}/home/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  chroot =
  inet_listener imap {{
    port = {self.port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""

    @staticmethod
    def mail_ids():
        """uid and gid of the mail processes: Dovecot never accesses mail as root, so a root
        run uses nobody (and hands the Maildir to it in `start`)."""
        if os.getuid() != 0:
            return os.getuid(), os.getgid()
        nobody = pwd.getpwnam("nobody")
        return nobody.pw_uid, nobody.pw_gid

    def maildir(self):
        return os.path.join(self.dir, "home", self.user, "Maildir")

    def start(self):
        uid, gid = self.mail_ids()
        home = os.path.join(self.dir, "home")
        os.makedirs(home, exist_ok=True)
        if os.getuid() == 0:
            for root, dirs, files in os.walk(home):
                for name in [root] + [os.path.join(root, n) for n in dirs + files]:
                    os.lchown(name, uid, gid)
        log = open(os.path.join(self.dir, "dovecot.stderr"), "ab")
        self.process = subprocess.Popen([DOVECOT, "-F", "-c", self.config], stdin=subprocess.DEVNULL,
                                        stdout=log, stderr=log)
        log.close()
        problem = roost_harness.wait_until_accepting(self.process, [self.port], "dovecot")
        if problem:
            if self.process.poll() is not None:
                self.process = None
            raise AssertionError(f"{problem}\n{self.log_tail()}")

    def stop(self):
        if self.process is None:
            return
        process, self.process = self.process, None
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=START_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def log_tail(self, lines=20):
        text = ""
        for name in ("dovecot.stderr", "dovecot.log"):
            try:
                with open(os.path.join(self.dir, name), "rb") as f:
                    text += f"--- {name}\n" + "\n".join(f.read().decode("utf-8", "replace").splitlines()[-lines:]) + "\n"
            except OSError:
                pass
        return text or "(no log)"

    def close(self, keep):
        try:
            self.stop()
        finally:
            if keep:
                sys.stderr.write(f"--- kept {self.dir}\n")
            else:
                shutil.rmtree(self.dir, ignore_errors=True)
