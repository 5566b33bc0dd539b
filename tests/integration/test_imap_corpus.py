"""Issue 2 acceptance: every corpus message, placed into the Maildir by another program (some in
new/, some in cur/ with flags), is served byte for byte (line ends aside) over IMAP with
STARTTLS and with implicit TLS; RFC822.SIZE is the size of what FETCH sends; UIDs and
UIDVALIDITY survive a restart of roostd (RFC 3501 2.3.1.1)."""

import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import roost_harness as h  # noqa: E402


class ImapCorpus(h.ServerTestCase):
    server_name = "imap-corpus"

    @classmethod
    def prepare(cls):
        with h.Timer("fill the Maildir"):
            cls.stored = h.fill_maildir(cls.server.maildir(), h.corpus_files())
        print(f"corpus: {h.corpus_dir()} ({len(cls.stored)} messages)", flush=True)
        cls.by_sha = collections.defaultdict(list)
        for message in cls.stored:
            cls.by_sha[message.sha].append(message)
        cls.uid_map = None  # {uid: sha256 of the body} from the first pass
        cls.uidvalidity = None

    def read_all(self, client, transport):
        """SELECT INBOX and fetch every message; checks content, size and flags against the
        files; returns ({uid: sha}, UIDVALIDITY)."""
        exists, uidvalidity = h.select(client)
        self.assertEqual(exists, len(self.stored), f"{transport}: SELECT INBOX EXISTS")
        with h.Timer(f"{transport}: UID FETCH (UID FLAGS RFC822.SIZE) of {exists} messages"):
            metadata = h.fetch_metadata(client)
        self.assertEqual(len(metadata), exists, f"{transport}: UID FETCH 1:* answered for every message")
        with h.Timer(f"{transport}: UID FETCH BODY.PEEK[] of {exists} messages"):
            bodies = h.fetch_bodies(client, metadata.keys())

        uid_map = {}
        seen_flags = collections.defaultdict(list)
        unmatched = []
        remaining = {sha: len(messages) for sha, messages in self.by_sha.items()}
        for uid, body in sorted(bodies.items()):
            size, flags = metadata[uid]
            # RFC 3501 6.4.5 / 7.4.2: RFC822.SIZE is the number of octets BODY[] returns.
            self.assertEqual(size, len(body), f"{transport}: UID {uid} RFC822.SIZE vs length of BODY[]")
            sha = h.digest(body)
            if remaining.get(sha, 0) == 0:
                unmatched.append((uid, body))
                continue
            remaining[sha] -= 1
            uid_map[uid] = sha
            seen_flags[sha].append(sorted(flags))
        if unmatched:
            self.fail(f"{transport}: {len(unmatched)} fetched message(s) differ from every corpus file; "
                      + self.explain_mismatch(*unmatched[0]))
        missing = [m.source for sha, count in remaining.items() if count for m in self.by_sha[sha][:count]]
        self.assertEqual(missing, [], f"{transport}: corpus files never returned by FETCH")
        # Flags come from the ":2," info of the file name (DESIGN.md, Maildir++).
        for sha, messages in self.by_sha.items():
            expected = sorted(sorted(m.flags) for m in messages)
            self.assertEqual(sorted(seen_flags[sha]), expected,
                             f"{transport}: FLAGS of {messages[0].source} (stored as {messages[0].maildir_path})")
        return uid_map, uidvalidity

    def explain_mismatch(self, uid, body):
        """Finds the corpus file the wrong body was most likely meant to be, and shows where
        the two first differ."""
        best = max(self.stored, key=lambda m: len(os.path.commonprefix([m.expected[:4096], body[:4096]])))
        return f"UID {uid} looks like {best.source}: " + h.first_difference(body, best.expected)

    def test_1_starttls_fetches_every_message(self):
        client = self.server.imap_starttls()
        try:
            uid_map, uidvalidity = self.read_all(client, "IMAP STARTTLS")
        finally:
            client.logout()
        type(self).uid_map, type(self).uidvalidity = uid_map, uidvalidity
        # Mail that arrived in new/ moves to cur/ once a session has seen it (Maildir, as
        # Dovecot does on SELECT), keeping its base name.
        new_dir = os.path.join(self.server.maildir(), "new")
        self.assertEqual(os.listdir(new_dir), [], "new/ is empty after a read-write SELECT")

    def test_2_implicit_tls_sees_the_same_uids(self):
        self.assertIsNotNone(self.uid_map, "needs test_1")
        client = self.server.imap_ssl()
        try:
            uid_map, uidvalidity = self.read_all(client, "IMAPS")
        finally:
            client.logout()
        self.assertEqual(uidvalidity, self.uidvalidity, "UIDVALIDITY across sessions")
        self.assertEqual(uid_map, self.uid_map, "UID -> message across sessions (RFC 3501 2.3.1.1)")

    def test_3_uids_survive_restart(self):
        self.assertIsNotNone(self.uid_map, "needs test_1")
        with h.Timer("restart roostd"):
            self.server.restart()
        client = self.server.imap_starttls()
        try:
            uid_map, uidvalidity = self.read_all(client, "IMAP STARTTLS after restart")
        finally:
            client.logout()
        self.assertEqual(uidvalidity, self.uidvalidity, "UIDVALIDITY across a restart of roostd")
        self.assertEqual(uid_map, self.uid_map, "UID -> message across a restart of roostd")


if __name__ == "__main__":
    h.main()
