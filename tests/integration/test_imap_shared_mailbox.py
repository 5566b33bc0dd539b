"""Three IMAP sessions on one mailbox (RFC 3501 §5.5, §7.4.1): flag changes, APPENDs and
EXPUNGEs made by one reach the others as untagged FETCH/EXISTS/EXPUNGE, and every session's
idea of which UID sits at which sequence number stays right the whole time.

Each session keeps the model a client keeps: a list of UIDs in sequence order, updated only
from the server's untagged EXISTS and EXPUNGE responses, and the flags last reported for each
UID. Every FETCH response that names a UID is checked against that model, a random mix of
commands runs from all three, and at the end each session's model must equal the mailbox."""

import os
import random
import re
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import roost_harness as h  # noqa: E402

FETCH_LINE = re.compile(rb"^\* (\d+) FETCH \((.*)\)$")
UID_ITEM = re.compile(rb"UID (\d+)")
FLAGS_ITEM = re.compile(rb"FLAGS \(([^)]*)\)")
STEPS = 300
SEED = 3501


class ModelClient:
    """A raw IMAP client that keeps a client's view of the selected mailbox."""

    def __init__(self, name, port, user, password):
        self.name = name
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=h.SOCKET_TIMEOUT)
        self.buf = b""
        self.counter = 0
        self.uids = []   # sequence order; None until a FETCH told us the UID
        self.flags = {}  # uid -> set of flags as last reported (without \Recent)
        self.readline()  # greeting
        self.command(f"LOGIN \"{user}\" \"{password}\"")
        self.command("SELECT INBOX")

    def readline(self):
        while b"\r\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise AssertionError(f"{self.name}: connection closed")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def command(self, text, literal=None):
        """Sends one command (with an optional LITERAL+ literal) and applies every untagged
        response to the model. Returns the tagged line."""
        self.counter += 1
        tag = f"{self.name}{self.counter}".encode()
        data = tag + b" " + text.encode()
        if literal is not None:
            data += b" {%d+}\r\n" % len(literal) + literal
        self.sock.sendall(data + b"\r\n")
        while True:
            line = self.readline()
            if line.startswith(tag + b" "):
                # RFC 5530: a STORE or FETCH naming a message another session expunged
                # meanwhile may fail with EXPUNGEISSUED; the rest of the set is still done.
                if not line.startswith(tag + b" OK") and not line.startswith(tag + b" NO [EXPUNGEISSUED]"):
                    raise AssertionError(f"{self.name}: {text!r} -> {line!r}")
                return line
            self.apply(line, text)

    def apply(self, line, command):
        parts = line.split(b" ")
        if len(parts) >= 3 and parts[2] == b"EXPUNGE":
            seq = int(parts[1])
            # RFC 3501 §7.4.1: never while responding to FETCH, STORE or SEARCH.
            assert command.split(" ")[0] not in ("FETCH", "STORE", "SEARCH"), f"{self.name}: EXPUNGE during {command}"
            assert 1 <= seq <= len(self.uids), f"{self.name}: EXPUNGE {seq} with {len(self.uids)} known ({command})"
            del self.uids[seq - 1]
        elif len(parts) >= 3 and parts[2] == b"EXISTS":
            count = int(parts[1])
            # RFC 3501 §7.3.1: EXISTS never announces fewer messages than the client knows.
            assert count >= len(self.uids), f"{self.name}: EXISTS {count} below {len(self.uids)} ({command})"
            self.uids.extend([None] * (count - len(self.uids)))
        else:
            match = FETCH_LINE.match(line)
            if match:
                self.apply_fetch(int(match.group(1)), match.group(2), command)

    def apply_fetch(self, seq, items, command):
        assert 1 <= seq <= len(self.uids), f"{self.name}: FETCH for {seq} with {len(self.uids)} known ({command})"
        uid_match = UID_ITEM.search(items)
        if uid_match:
            uid = int(uid_match.group(1))
            known = self.uids[seq - 1]
            assert known in (None, uid), f"{self.name}: seq {seq} is UID {known} in the model, server says {uid} ({command})"
            self.uids[seq - 1] = uid
        uid = self.uids[seq - 1]
        flags_match = FLAGS_ITEM.search(items)
        if flags_match and uid is not None:
            self.flags[uid] = set(flags_match.group(1).split()) - {b"\\Recent"}

    def learn_new(self):
        """After EXISTS: ask for the UIDs (and flags) of the messages announced."""
        missing = [i + 1 for i, uid in enumerate(self.uids) if uid is None]
        if missing:
            self.command(f"FETCH {missing[0]}:{missing[-1]} (UID FLAGS)")

    def random_seq(self, rng):
        return rng.randint(1, len(self.uids)) if self.uids else None

    def close(self):
        try:
            self.command("LOGOUT")
        finally:
            self.sock.close()


def message(n):
    return (f"From: sender{n}@example.com\r\nSubject: shared {n}\r\n\r\nbody {n}\r\n").encode()


class SharedMailbox(h.ServerTestCase):
    server_name = "shared"

    @classmethod
    def prepare(cls):
        h.fill_maildir(cls.server.maildir(), h.corpus_files()[:20])

    def test_1_three_sessions_keep_consistent_views(self):
        rng = random.Random(SEED)
        port = self.server.imap_port
        clients = [ModelClient(name, port, self.server.user, self.server.password) for name in ("a", "b", "c")]
        try:
            appended = 0
            for step in range(STEPS):
                client = rng.choice(clients)
                action = rng.choice(["flag", "uidflag", "append", "expunge", "fetch", "noop", "uidfetch"])
                seq = client.random_seq(rng)
                if action == "flag" and seq:
                    flag = rng.choice(["\\Flagged", "\\Seen", "$Work"])
                    client.command(f"STORE {seq} {rng.choice('+-')}FLAGS ({flag})")
                elif action == "uidflag" and seq and client.uids[seq - 1]:
                    client.command(f"UID STORE {client.uids[seq - 1]} +FLAGS (\\Answered)")
                elif action == "append":
                    appended += 1
                    client.command("APPEND INBOX", message(appended))
                elif action == "expunge" and seq:
                    client.command(f"STORE {seq} +FLAGS.SILENT (\\Deleted)")
                    client.command(rng.choice(["EXPUNGE", "NOOP", "CHECK"]))
                elif action == "fetch" and client.uids:
                    client.command("FETCH 1:* (UID FLAGS)")
                elif action == "uidfetch":
                    client.command("UID FETCH 1:* (FLAGS)")
                else:
                    client.command("NOOP")
                client.learn_new()

            # Everyone catches up; then each model must be the mailbox itself.
            for client in clients:
                client.command("NOOP")
                client.learn_new()
            for client in clients:
                model_uids, model_flags = list(client.uids), dict(client.flags)
                truth_uids, truth_flags = self.fetch_truth(client)
                self.assertEqual(model_uids, truth_uids, f"session {client.name}: UIDs by sequence number")
                for uid in truth_uids:
                    self.assertEqual(model_flags.get(uid), truth_flags[uid], f"session {client.name}: flags of UID {uid}")
            self.assertGreater(appended, 10)
        finally:
            for client in clients:
                client.close()

    @staticmethod
    def fetch_truth(client):
        """A fresh FETCH 1:* read directly from the socket, without touching the model."""
        client.counter += 1
        tag = f"{client.name}{client.counter}".encode()
        client.sock.sendall(tag + b" FETCH 1:* (UID FLAGS)\r\n")
        uids, flags = [], {}
        while True:
            line = client.readline()
            if line.startswith(tag + b" "):
                assert line.startswith(tag + b" OK"), line
                return uids, flags
            match = FETCH_LINE.match(line)
            assert match, f"unexpected line during FETCH: {line!r}"
            assert int(match.group(1)) == len(uids) + 1
            uid = int(UID_ITEM.search(match.group(2)).group(1))
            uids.append(uid)
            flags[uid] = set(FLAGS_ITEM.search(match.group(2)).group(1).split()) - {b"\\Recent"}


if __name__ == "__main__":
    h.main()
