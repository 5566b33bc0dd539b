"""What a client does to file mail (RFC 3501): APPEND with flags and date then FETCH it back
(whole, HEADER, TEXT, partial; BODY[] sets \\Seen, BODY.PEEK[] does not), CREATE / LIST /
STATUS on Maildir++ folders, STORE visible to a later SELECT and to another session, EXPUNGE,
and all of it kept across a restart of roostd."""

import imaplib
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import roost_harness as h  # noqa: E402

MESSAGE = (b"From: Person One <user1@d1.example.com>\r\n"
           b"To: u@example.com\r\n"
           b"Subject: round trip\r\n"
           b"Date: Wed, 01 Jan 2020 12:34:56 +0000\r\n"
           b"\r\n"
           b"first body line\r\n"
           b".a line that starts with a dot\r\n"
           b"last line\r\n")
HEADER, TEXT = MESSAGE.split(b"\r\n\r\n", 1)
HEADER += b"\r\n\r\n"
APPEND_DATE = '"01-Jan-2020 12:34:56 +0000"'
APPEND_EPOCH = 1577882096  # 2020-01-01 12:34:56 UTC

LIST_LINE = re.compile(rb'^\((?P<attrs>[^)]*)\) (?P<delim>"[^"]*"|NIL) (?P<name>.+)$')


def fetch_one(client, sequence, items):
    """FETCH of one message with one literal item: (literal, the rest of the response)."""
    data = h.imap_ok(client.fetch(sequence, items), f"FETCH {sequence} {items}")
    for i, part in enumerate(data):
        if isinstance(part, tuple):
            rest = b" ".join(p for p in data[i + 1:] if isinstance(p, bytes))
            return part[1], part[0] + b" " + rest
    raise AssertionError(f"FETCH {sequence} {items}: no literal in {data!r}")


def flags_of(client, sequence):
    data = h.imap_ok(client.fetch(sequence, "(FLAGS)"), f"FETCH {sequence} (FLAGS)")
    match = h.FETCH_FLAGS.search(data[0])
    return {f.decode() for f in match.group(1).split()} - {"\\Recent"}


def list_names(client, pattern):
    data = h.imap_ok(client.list('""', pattern), f"LIST \"\" {pattern}")
    names = {}
    for line in data:
        match = LIST_LINE.match(line)
        if not match:
            raise AssertionError(f"LIST response not understood: {line!r}")
        names[match.group("name").strip(b'"').decode()] = match.group("attrs").decode()
    return names


def message_files(maildir):
    return sorted(os.listdir(os.path.join(maildir, "cur")) + os.listdir(os.path.join(maildir, "new")))


def status(client, mailbox):
    data = h.imap_ok(client.status(mailbox, "(MESSAGES UIDNEXT UIDVALIDITY UNSEEN)"), f"STATUS {mailbox}")
    items = re.search(rb"\(([^)]*)\)\s*$", data[0]).group(1).split()
    return {items[i].decode(): int(items[i + 1]) for i in range(0, len(items), 2)}


class ImapMailboxOps(h.ServerTestCase):
    server_name = "imap-ops"
    state = {}

    def setUp(self):
        self.client = self.server.imap_ssl()

    def tearDown(self):
        super().tearDown()
        try:
            self.client.logout()
        except (imaplib.IMAP4.error, OSError):
            pass

    def test_1_append_then_fetch(self):
        c = self.client
        h.imap_ok(c.append("INBOX", "(\\Flagged)", APPEND_DATE, MESSAGE), "APPEND INBOX")
        exists, uidvalidity = h.select(c)
        self.assertEqual(exists, 1, "EXISTS after one APPEND")
        type(self).state["uidvalidity"] = uidvalidity
        body, meta = fetch_one(c, "1", "(UID RFC822.SIZE INTERNALDATE FLAGS BODY.PEEK[])")
        self.assertEqual(body, MESSAGE, "BODY.PEEK[] returns the APPENDed octets")
        self.assertIn(f"RFC822.SIZE {len(MESSAGE)}".encode(), meta, "RFC822.SIZE")
        self.assertEqual(flags_of(c, "1"), {"\\Flagged"}, "flags given to APPEND (RFC 3501 6.3.11)")
        internaldate = imaplib.Internaldate2tuple(meta)
        self.assertIsNotNone(internaldate, f"INTERNALDATE in {meta!r}")
        self.assertEqual(int(time.mktime(internaldate)), APPEND_EPOCH, "INTERNALDATE is the APPEND date")
        self.assertEqual(fetch_one(c, "1", "(BODY.PEEK[HEADER])")[0], HEADER, "BODY[HEADER] ends with the blank line")
        self.assertEqual(fetch_one(c, "1", "(BODY.PEEK[TEXT])")[0], TEXT, "BODY[TEXT]")
        self.assertEqual(fetch_one(c, "1", "(BODY.PEEK[]<6.11>)")[0], MESSAGE[6:17], "partial <6.11> (RFC 3501 6.4.5)")
        self.assertEqual(flags_of(c, "1"), {"\\Flagged"}, "BODY.PEEK does not set \\Seen")
        self.assertEqual(fetch_one(c, "1", "(BODY[])")[0], MESSAGE, "BODY[]")
        self.assertEqual(flags_of(c, "1"), {"\\Flagged", "\\Seen"}, "BODY[] sets \\Seen (RFC 3501 6.4.5)")

    def test_2_create_list_status(self):
        c = self.client
        h.imap_ok(c.create("Archive"), "CREATE Archive")
        h.imap_ok(c.create("Archive.2020"), "CREATE Archive.2020")
        typ, _data = c.create("Archive")
        self.assertEqual(typ, "NO", "CREATE of an existing mailbox is NO (RFC 3501 6.3.3)")
        everything = list_names(c, "*")
        self.assertTrue({"INBOX", "Archive", "Archive.2020"} <= everything.keys(), f"LIST * {everything}")
        top = list_names(c, "%")
        self.assertIn("Archive", top, "LIST % shows top-level folders")
        self.assertNotIn("Archive.2020", top, "LIST % stops at the hierarchy delimiter '.'")
        # Maildir++: a folder is a dot-directory with a maildirfolder marker (DESIGN.md).
        folder = os.path.join(self.server.maildir(), ".Archive")
        self.assertTrue(os.path.isdir(os.path.join(folder, "cur")), f"{folder}/cur exists")
        self.assertTrue(os.path.exists(os.path.join(folder, "maildirfolder")), "maildirfolder marker")
        empty = status(c, "Archive")
        self.assertEqual(empty["MESSAGES"], 0, "STATUS of a new folder")
        h.imap_ok(c.append("Archive", None, None, MESSAGE), "APPEND Archive")
        after = status(c, "Archive")
        self.assertEqual((after["MESSAGES"], after["UNSEEN"]), (1, 1), "STATUS after APPEND without \\Seen")
        self.assertGreater(after["UIDNEXT"], empty["UIDNEXT"], "UIDNEXT grows with APPEND")
        self.assertEqual(after["UIDVALIDITY"], empty["UIDVALIDITY"], "UIDVALIDITY stays")
        type(self).state["archive"] = after

    def test_3_store_seen_after_reselect_and_by_others(self):
        c = self.client
        h.select(c)
        h.imap_ok(c.store("1", "+FLAGS", "(\\Answered \\Draft)"), "STORE +FLAGS")
        h.imap_ok(c.store("1", "-FLAGS.SILENT", "(\\Draft)"), "STORE -FLAGS.SILENT")
        h.select(c)
        expected = {"\\Flagged", "\\Seen", "\\Answered"}
        self.assertEqual(flags_of(c, "1"), expected, "flags after reselect")
        other = self.server.imap_starttls()
        try:
            h.select(other)
            self.assertEqual(flags_of(other, "1"), expected, "flags seen by another session")
        finally:
            other.logout()
        # The Maildir keeps them in the file name too (":2," info, letters in ASCII order).
        names = message_files(self.server.maildir())
        self.assertEqual([n.split(":2,")[-1] for n in names], ["FRS"], f"file names in cur/ and new/: {names}")
        h.imap_ok(c.store("1", "FLAGS", "(\\Seen \\Flagged \\Answered)"), "STORE FLAGS")

    def test_4_expunge(self):
        c = self.client
        for n in (2, 3):
            h.imap_ok(c.append("INBOX", None, None, MESSAGE.replace(b"round trip", f"number {n}".encode())),
                      f"APPEND {n}")
        exists, _ = h.select(c)
        self.assertEqual(exists, 3, "three messages before EXPUNGE")
        h.imap_ok(c.store("2", "+FLAGS.SILENT", "(\\Deleted)"), "STORE 2 +FLAGS (\\Deleted)")
        expunged = h.imap_ok(c.expunge(), "EXPUNGE")
        self.assertEqual(expunged, [b"2"], "untagged EXPUNGE for message 2 (RFC 3501 7.4.1)")
        exists, _ = h.select(c)
        self.assertEqual(exists, 2, "EXISTS after EXPUNGE")
        subject = fetch_one(c, "2", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")[0]
        self.assertIn(b"number 3", subject, "message 3 moved up to sequence number 2")
        self.assertEqual(len(message_files(self.server.maildir())), 2, "the expunged file is gone")
        type(self).state["uids"] = h.fetch_metadata(c)

    def test_5_everything_kept_across_restart(self):
        self.assertIn("uids", self.state, "needs test_4")
        # The session is still open when SIGTERM arrives: it gets a BYE first (RFC 3501 §7.1.5).
        self.server.stop()
        self.assertEqual(self.client.readline(), b"* BYE Server shutting down.\r\n")
        self.server.start()
        self.client = self.server.imap_ssl()
        _exists, uidvalidity = h.select(self.client)
        self.assertEqual(uidvalidity, self.state["uidvalidity"], "UIDVALIDITY across restart")
        self.assertEqual(h.fetch_metadata(self.client), self.state["uids"], "UIDs, sizes and flags across restart")
        self.assertEqual(status(self.client, "Archive"), self.state["archive"], "STATUS Archive across restart")

    def test_6_rename_delete_copy_subscribe(self):
        c = self.client
        h.imap_ok(c.create("Projects.Roost"), "CREATE Projects.Roost")
        h.imap_ok(c.subscribe("Projects.Roost"), "SUBSCRIBE Projects.Roost")
        h.imap_ok(c.subscribe("Not.There"), "SUBSCRIBE of a missing mailbox (RFC 3501 6.3.6)")
        h.select(c)
        typ, data = c.copy("1:2", "Nowhere")
        self.assertEqual(typ, "NO")
        self.assertIn(b"[TRYCREATE]", data[0], "COPY to a missing mailbox (RFC 3501 6.4.7)")
        typ, data = c.copy("1:2", "Projects.Roost")
        self.assertEqual(typ, "OK")
        self.assertRegex(data[0], rb"^\[COPYUID \d+ 1,3 1:2\]", "COPYUID (RFC 4315)")
        h.imap_ok(c.rename("Projects", "Work"), "RENAME of a \\Noselect parent moves its children")
        self.assertEqual(status(c, "Work.Roost")["MESSAGES"], 2, "the copies moved with the rename")
        self.assertNotIn("Projects.Roost", list_names(c, "*"))
        # The subscriptions file is Dovecot's, in the Maildir root, and outlives a restart.
        with open(os.path.join(self.server.maildir(), "subscriptions"), "rb") as f:
            self.assertEqual(f.read(), b"V\t2\n\nProjects\tRoost\nNot\tThere\n")
        self.server.restart()
        self.client = c = self.server.imap_ssl()
        typ, data = c.lsub('""', "*")
        self.assertEqual(typ, "OK")
        self.assertEqual(sorted(data), [b'() "." Not.There', b'() "." Projects.Roost'], "LSUB after restart")
        h.imap_ok(c.delete("Work.Roost"), "DELETE")
        self.assertFalse(os.path.exists(os.path.join(self.server.maildir(), ".Work.Roost")))
        typ, _data = c.delete("INBOX")
        self.assertEqual(typ, "NO", "DELETE INBOX (RFC 3501 6.3.4)")


if __name__ == "__main__":
    h.main()
