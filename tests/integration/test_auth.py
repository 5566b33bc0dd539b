"""Logins over IMAP and POP3: a wrong password is refused after a delay with the same answer as
an unknown user (DESIGN.md: replies never tell whether a user exists); the session goes on
and a right password then works; SASL PLAIN and LOGIN work in both protocols; on loopback,
plaintext login before TLS is allowed (Dovecot treats 127.0.0.1 as secure), so LOGINDISABLED
is not announced. The non-loopback rule is pinned by the unit tests."""

import base64
import imaplib
import os
import poplib
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import roost_harness as h  # noqa: E402

# A failed login must cost the client noticeable time (brute-force penalty). Dovecot's
# auth_failure_delay is 2 s; we only require that some delay exists.
MIN_FAILURE_DELAY = 0.5


def imap_login(client, user, password):
    """LOGIN without imaplib's exception, to see NO vs BAD and the text."""
    typ, data = client._simple_command("LOGIN", client._quote(user), client._quote(password))
    return typ, data[-1] if data else b""


def pop3_pass(client, user, password):
    client.user(user)
    try:
        return client.pass_(password)
    except poplib.error_proto as e:
        return e.args[0]


class Auth(h.ServerTestCase):
    server_name = "auth"

    def test_imap_wrong_password_then_right_one(self):
        client = self.server.imap_starttls(login=False)
        try:
            start = time.monotonic()
            typ, wrong_text = imap_login(client, self.server.user, "not the password")
            elapsed = time.monotonic() - start
            self.assertEqual(typ, "NO", f"LOGIN with a wrong password (RFC 3501 6.2.3): {wrong_text!r}")
            self.assertGreaterEqual(elapsed, MIN_FAILURE_DELAY, "failed LOGIN answered after a delay")
            typ, unknown_text = imap_login(client, "nobody@example.com", "not the password")
            self.assertEqual(typ, "NO", "LOGIN of an unknown user")
            self.assertEqual(unknown_text, wrong_text, "unknown user and wrong password look the same")
            typ, text = imap_login(client, self.server.user, self.server.password)
            self.assertEqual(typ, "OK", f"LOGIN with the right password after failures: {text!r}")
        finally:
            client.logout()

    def test_imap_user_name_is_case_insensitive(self):
        client = self.server.imap_ssl(login=False)
        try:
            typ, text = imap_login(client, self.server.user.upper(), self.server.password)
            self.assertEqual(typ, "OK", f"LOGIN as {self.server.user.upper()}: {text!r}")
        finally:
            client.logout()

    def test_imap_authenticate_plain_and_login(self):
        user, password = self.server.user, self.server.password
        client = self.server.imap_ssl(login=False)
        try:
            # RFC 4616: authzid NUL authcid NUL passwd.
            typ, _data = client.authenticate("PLAIN", lambda _challenge: f"\0{user}\0{password}".encode())
            self.assertEqual(typ, "OK", "AUTHENTICATE PLAIN")
        finally:
            client.logout()
        client = self.server.imap_starttls(login=False)
        try:
            answers = [user.encode(), password.encode()]
            typ, _data = client.authenticate("LOGIN", lambda _challenge: answers.pop(0))
            self.assertEqual(typ, "OK", "AUTHENTICATE LOGIN (username, then password)")
        finally:
            client.logout()

    def test_imap_plaintext_login_allowed_on_loopback(self):
        client = imaplib.IMAP4("127.0.0.1", self.server.imap_port, timeout=h.SOCKET_TIMEOUT)
        try:
            self.assertIn("STARTTLS", client.capabilities, "CAPABILITY before TLS offers STARTTLS")
            self.assertNotIn("LOGINDISABLED", client.capabilities,
                             "127.0.0.1 counts as a secure channel, like Dovecot's loopback rule")
            typ, text = imap_login(client, self.server.user, self.server.password)
            self.assertEqual(typ, "OK", f"plaintext LOGIN on loopback: {text!r}")
        finally:
            client.logout()

    def test_logins_are_logged_with_user_address_and_tls(self):
        # Issue 2 scope 2: one log line per login/logout with user, remote address, TLS state.
        user = "logged@example.com"
        self.server.add_user(user, "log line password")
        client = self.server.imap_ssl(login=False)
        client.login(user, "log line password")
        client.logout()
        deadline = time.monotonic() + 5
        while True:
            with open(self.server.log_path, "rb") as f:
                lines = [line for line in f.read().decode("utf-8", "replace").splitlines() if user in line]
            if len(lines) >= 2 or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        self.assertGreaterEqual(len(lines), 2, f"a login and a logout line name {user}: {lines}")
        login = [line for line in lines if "Login:" in line]
        logout = [line for line in lines if "Logged out" in line]
        self.assertEqual(len(login), 1, f"one login line: {lines}")
        self.assertEqual(len(logout), 1, f"one logout line: {lines}")
        for line in login + logout:
            self.assertIn("rip=127.0.0.1", line, "the line has the remote address")
            self.assertIn("TLS", line, "the line has the TLS state")

    def test_pop3_wrong_password_then_right_one(self):
        client = self.server.pop3_stls(login=False)
        try:
            start = time.monotonic()
            wrong = pop3_pass(client, self.server.user, "not the password")
            elapsed = time.monotonic() - start
            self.assertTrue(wrong.startswith(b"-ERR"), f"PASS with a wrong password: {wrong!r}")
            self.assertGreaterEqual(elapsed, MIN_FAILURE_DELAY, "failed PASS answered after a delay")
            unknown = pop3_pass(client, "nobody@example.com", "not the password")
            self.assertEqual(unknown, wrong, "unknown user and wrong password look the same")
            right = pop3_pass(client, self.server.user, self.server.password)
            self.assertTrue(right.startswith(b"+OK"), f"PASS with the right password after failures: {right!r}")
        finally:
            client.quit()

    def test_pop3_auth_plain_with_initial_response(self):
        client = self.server.pop3_ssl(login=False)
        try:
            # RFC 5034 4: AUTH mechanism [initial-response].
            token = base64.b64encode(f"\0{self.server.user}\0{self.server.password}".encode()).decode()
            resp = client._shortcmd(f"AUTH PLAIN {token}")
            self.assertTrue(resp.startswith(b"+OK"), f"AUTH PLAIN: {resp!r}")
            count, _size = client.stat()
            self.assertEqual(count, 0, "STAT after AUTH PLAIN on an empty mailbox")
        finally:
            client.quit()

    def test_pop3_capa_before_and_after_stls(self):
        client = poplib.POP3("127.0.0.1", self.server.pop3_port, timeout=h.SOCKET_TIMEOUT)
        try:
            before = client.capa()
            self.assertIn("STLS", before, "RFC 2595 4: CAPA offers STLS before TLS")
            client.stls(context=self.server.tls_context())
            after = client.capa()
            self.assertNotIn("STLS", after, "no STLS once TLS is active")
            self.assertIn("UIDL", after, "RFC 2449 6.8")
            self.assertIn("SASL", after, "RFC 5034: SASL mechanisms in CAPA")
        finally:
            client.quit()


if __name__ == "__main__":
    h.main()
