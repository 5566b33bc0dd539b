"""mbsync (Debian's isync 1.4) against a running roostd, both directions, the way a user
keeps a laptop Maildir in step with the server:

1. the first sync pulls every message over IMAPS, bodies and flags intact;
2. local changes go up: a flag change, a deletion (Expunge Both), a new message in INBOX and
   a new folder with a message (Create Both). mbsync learns the UIDs of uploaded messages from
   APPENDUID (RFC 4315 §3); without UIDPLUS, isync 1.4.4 falls back to a header search that
   makes the run exit 1, so the exit status pins that path;
3. a second sync changes nothing on either side;
4. a fresh pull over STARTTLS into an empty folder sees what the server now holds.

mbsync checks the certificate against CertificateFile and the host name 127.0.0.1.
"""

import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "integration"))

import roost_harness as h  # noqa: E402

MBSYNC = os.environ.get("MBSYNC") or shutil.which("mbsync") or "mbsync"
MESSAGES = 40
NEW_MESSAGE = b"From: me@example.com\nSubject: written on the laptop\n\nUploaded by mbsync.\n"
ARCHIVED_MESSAGE = b"From: me@example.com\nSubject: filed away\n\nIn a folder made by mbsync.\n"


def has_header_end(path):
    # mbsync skips a message without an empty line after its header ("incomplete header").
    with open(path, "rb") as f:
        data = f.read()
    return b"\n\n" in data or b"\r\n\r\n" in data


def without_tuid(data):
    """mbsync adds an X-TUID header line to messages it uploads; the rest must be as sent."""
    return b"".join(line for line in data.splitlines(keepends=True) if not line.startswith(b"X-TUID: "))


def local_messages(folder):
    """file name -> content of every message in a local Maildir folder (cur/ and new/)."""
    found = {}
    for sub in ("cur", "new"):
        directory = os.path.join(folder, sub)
        if not os.path.isdir(directory):
            continue
        for name in os.listdir(directory):
            with open(os.path.join(directory, name), "rb") as f:
                found[os.path.join(sub, name)] = f.read()
    return found


def info_letters(file_name):
    return set(file_name.split(":2,", 1)[1]) if ":2," in file_name else set()


class Mbsync(h.ServerTestCase):
    server_name = "mbsync"

    @classmethod
    def prepare(cls):
        sources = [s for s in h.corpus_files() if has_header_end(s)][:MESSAGES]
        cls.stored = h.fill_maildir(cls.server.maildir(), sources)
        # The client's side lives in the server's temp dir: removed with it, or kept with it
        # when a test fails (ROOST_TEST_KEEP).
        cls.work = os.path.join(cls.server.dir, "client")
        cls.local = os.path.join(cls.work, "local")
        cls.fresh = os.path.join(cls.work, "fresh")
        os.makedirs(cls.local)
        os.makedirs(cls.fresh)
        cls.config = os.path.join(cls.work, "mbsyncrc")
        with open(cls.config, "w") as f:
            f.write(cls.config_text())

    @classmethod
    def config_text(cls):
        s = cls.server
        text = ""
        for name, port, ssl_type, path in (("imaps", s.imaps_port, "IMAPS", cls.local),
                                           ("starttls", s.imap_port, "STARTTLS", cls.fresh)):
            text += f"""
IMAPAccount {name}
Host 127.0.0.1
Port {port}
User {s.user}
Pass "{s.password}"
SSLType {ssl_type}
CertificateFile {s.cert}

IMAPStore {name}-far
Account {name}

MaildirStore {name}-near
Path {path}/
Inbox {path}/INBOX
SubFolders Verbatim

Channel {name}
Far :{name}-far:
Near :{name}-near:
Patterns *
Create Both
Expunge Both
SyncState *
"""
        return text

    def mbsync(self, channel):
        env = dict(os.environ, HOME=self.work)
        result = subprocess.run([MBSYNC, "-c", self.config, "-V", channel], capture_output=True,
                                timeout=300, env=env)
        output = (result.stdout + result.stderr).decode("utf-8", "replace")
        self.assertEqual(result.returncode, 0, f"mbsync {channel} exit status; its output:\n{output[-4000:]}")
        return output

    def server_view(self, mailbox="INBOX"):
        """UID -> (flags, body) as imaplib sees one server mailbox."""
        client = self.server.imap_ssl()
        try:
            h.select(client, mailbox)
            metadata = h.fetch_metadata(client)
            bodies = h.fetch_bodies(client, metadata.keys())
        finally:
            client.logout()
        return {uid: (metadata[uid][1], bodies[uid]) for uid in metadata}

    def server_files(self):
        found = []
        for root, _dirs, files in os.walk(self.server.maildir()):
            found += [os.path.join(root, name) for name in files if "/tmp" not in root]
        return sorted(found)

    def test_1_pull_everything(self):
        self.mbsync("imaps")
        local = local_messages(os.path.join(self.local, "INBOX"))
        self.assertEqual(len(local), MESSAGES)
        by_digest = {h.digest(h.to_crlf(without_tuid(data))): name for name, data in local.items()}
        for message in self.stored:
            self.assertIn(message.sha, by_digest, f"{message.source} arrived intact")
            letters = info_letters(by_digest[message.sha])
            wanted = {letter for letter, flag in h.MAILDIR_FLAG_LETTERS.items() if flag in message.flags}
            self.assertEqual(letters & set("DFRST"), wanted, f"flags of {message.source}")

    def test_2_push_changes(self):
        inbox = os.path.join(self.local, "INBOX")
        local = sorted(local_messages(inbox))
        unread = next(name for name in local if "S" not in info_letters(name))
        doomed = next(name for name in local if name != unread)
        unread_body = h.to_crlf(without_tuid(local_messages(inbox)[unread]))
        doomed_body = h.to_crlf(without_tuid(local_messages(inbox)[doomed]))
        # A flag change is a rename in the local Maildir; a deletion removes the file.
        base = os.path.basename(unread).split(":2,")[0]
        os.rename(os.path.join(inbox, unread), os.path.join(inbox, "cur", base + ":2,FS"))
        os.remove(os.path.join(inbox, doomed))
        with open(os.path.join(inbox, "new", "1700000000.laptop1.local"), "wb") as f:
            f.write(NEW_MESSAGE)
        archive = os.path.join(self.local, "Archive")
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(archive, sub))
        with open(os.path.join(archive, "new", "1700000001.laptop2.local"), "wb") as f:
            f.write(ARCHIVED_MESSAGE)

        self.mbsync("imaps")

        view = self.server_view()
        bodies = {without_tuid(body): flags for flags, body in view.values()}
        self.assertEqual(len(view), MESSAGES, "one message deleted, one uploaded")
        self.assertNotIn(doomed_body, bodies, "the locally deleted message is expunged on the server")
        self.assertEqual(set(bodies[unread_body]) & {"\\Seen", "\\Flagged"}, {"\\Seen", "\\Flagged"})
        self.assertIn(h.to_crlf(NEW_MESSAGE), bodies, "the new local message is on the server")
        archived = self.server_view("Archive")
        self.assertEqual([without_tuid(body) for _flags, body in archived.values()], [h.to_crlf(ARCHIVED_MESSAGE)])

    def test_3_second_sync_changes_nothing(self):
        server_before = self.server_files()
        local_before = {folder: sorted(local_messages(os.path.join(self.local, folder)))
                        for folder in ("INBOX", "Archive")}
        self.mbsync("imaps")
        self.assertEqual(self.server_files(), server_before)
        for folder, names in local_before.items():
            self.assertEqual(sorted(local_messages(os.path.join(self.local, folder))), names, folder)

    def test_4_fresh_pull_over_starttls(self):
        self.mbsync("starttls")
        for folder in ("INBOX", "Archive"):
            server = sorted(without_tuid(body) for _flags, body in self.server_view(folder).values())
            local = sorted(h.to_crlf(without_tuid(data))
                           for data in local_messages(os.path.join(self.fresh, folder)).values())
            self.assertEqual(local, server, f"{folder}: the same messages on both sides")


if __name__ == "__main__":
    h.main()
