// Session: greeting, CAPABILITY, STARTTLS, LOGIN and AUTHENTICATE (RFC 3501 §6.1, §6.2,
// RFC 4959 SASL-IR, RFC 2595 §3.1), on a fresh session per test with a FakeConnection.
#include <catch2/catch.hpp>

#include "imap/session.hpp"
#include "session_fixture.hpp"
#include "unit/captured_stderr.hpp"

using roost::imap::test::SessionFixture;
using roost::imap::test::has;

TEST_CASE("session: greeting on a non-loopback plaintext connection offers STARTTLS and LOGINDISABLED",
          "[imap][session]") {
    SessionFixture f;
    std::string greeting = f.connection.take();
    CHECK(greeting == "* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR STARTTLS LOGINDISABLED] Roost ready.\r\n");
    // Dovecot lists no AUTH= mechanisms while plaintext auth is disabled.
    CHECK_FALSE(has(greeting, "AUTH="));
    CHECK(f.connection.idle_timeout_ms == roost::imap::Session::kPreLoginIdleMs);
}

TEST_CASE("session: LOGIN and AUTHENTICATE are refused before TLS on a non-loopback address "
          "(RFC 3501 §6.2.3, disable_plaintext_auth)", "[imap][session]") {
    SessionFixture f;
    f.connection.take();
    CHECK(f.exchange("a1 LOGIN alice@example.com secret\r\n") ==
          "a1 NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.\r\n");
    CHECK(has(f.exchange("a2 AUTHENTICATE PLAIN AGFsaWNlQGV4YW1wbGUuY29tAHNlY3JldA==\r\n"), "a2 NO [PRIVACYREQUIRED]"));
    // Dovecot's log line for it, which fail2ban filters know.
    std::string log = roost::test::captured_stderr([&] { f.close_connection(); });
    CHECK(has(log, "imap-login: Info: Aborted login (tried to use disallowed plaintext auth): rip="));
}

TEST_CASE("session: loopback plaintext may log in; the tagged OK carries the new capabilities", "[imap][session]") {
    SessionFixture f(true);
    CHECK(f.connection.take() ==
          "* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR STARTTLS AUTH=PLAIN AUTH=LOGIN] Roost ready.\r\n");
    CHECK(f.exchange("a1 LOGIN \"alice@example.com\" {6}\r\nsecret\r\n") ==
          "+ Ready for literal data\r\na1 OK [CAPABILITY IMAP4rev1 LITERAL+ UIDPLUS] Logged in\r\n");
    CHECK(f.connection.idle_timeout_ms == roost::imap::Session::kIdleMs);
    CHECK(f.exchange("a2 LOGIN alice@example.com secret\r\n") == "a2 BAD Not allowed now.\r\n");
}

TEST_CASE("session: ssl = required refuses authentication before TLS even on loopback", "[imap][session]") {
    SessionFixture f(true);
    f.settings.ssl = roost::config::SslMode::Required;
    f.connection.take();
    CHECK(has(f.exchange("a1 CAPABILITY\r\n"), "LOGINDISABLED"));
    CHECK(has(f.exchange("a2 LOGIN alice@example.com secret\r\n"), "a2 NO [PRIVACYREQUIRED]"));
}

TEST_CASE("session: STARTTLS answers in clear, starts TLS and drops pipelined input (RFC 3501 §6.2.1)",
          "[imap][session]") {
    SessionFixture f;
    f.connection.take();
    CHECK(f.exchange("a1 STARTTLS\r\na2 LOGIN alice@example.com secret\r\n") == "a1 OK Begin TLS negotiation now.\r\n");
    CHECK(f.connection.tls);
    CHECK(f.connection.start_tls_calls == 1);
    std::string caps = f.exchange("a3 CAPABILITY\r\n");
    CHECK(has(caps, "* CAPABILITY IMAP4rev1 LITERAL+ SASL-IR AUTH=PLAIN AUTH=LOGIN\r\n"));
    CHECK_FALSE(has(caps, "STARTTLS"));
    CHECK(f.exchange("a4 STARTTLS\r\n") == "a4 BAD TLS is already active.\r\n");
    CHECK(has(f.exchange("a5 LOGIN alice@example.com secret\r\n"), "a5 OK [CAPABILITY"));
}

TEST_CASE("session: failed logins wait and give one answer for unknown users and wrong passwords",
          "[imap][session]") {
    SessionFixture f;
    f.connection.tls = true;
    f.connection.take();
    CHECK(f.exchange("a1 LOGIN alice@example.com wrong\r\n") == "a1 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n");
    CHECK(f.exchange("a2 LOGIN nobody@example.com secret\r\n") ==
          "a2 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n");
    CHECK(f.exchange("a3 SELECT INBOX\r\n") == "a3 BAD Please log in first.\r\n");
}

TEST_CASE("session: AUTHENTICATE PLAIN with and without an initial response (RFC 4959, RFC 4616)",
          "[imap][session]") {
    SessionFixture f;
    f.connection.tls = true;
    f.connection.take();
    SECTION("SASL-IR") {
        CHECK(has(f.exchange("a1 AUTHENTICATE PLAIN AGFsaWNlQGV4YW1wbGUuY29tAHNlY3JldA==\r\n"), "a1 OK [CAPABILITY"));
    }
    SECTION("continuation") {
        CHECK(f.exchange("a1 AUTHENTICATE plain\r\n") == "+ \r\n");
        CHECK(has(f.exchange("AGFsaWNlQGV4YW1wbGUuY29tAHNlY3JldA==\r\n"), "a1 OK [CAPABILITY"));
    }
    SECTION("* cancels, bad base64 is BAD, unknown mechanisms are NO") {
        CHECK(f.exchange("a1 AUTHENTICATE PLAIN\r\n") == "+ \r\n");
        CHECK(f.exchange("*\r\n") == "a1 BAD Authentication aborted by client.\r\n");
        CHECK(f.exchange("a2 AUTHENTICATE PLAIN %%%\r\n") == "a2 BAD Invalid base64 data in initial response.\r\n");
        CHECK(f.exchange("a3 AUTHENTICATE CRAM-MD5\r\n") == "a3 NO Unsupported authentication mechanism.\r\n");
    }
    SECTION("LOGIN mechanism, two challenges") {
        CHECK(f.exchange("a1 AUTHENTICATE LOGIN\r\n") == "+ VXNlcm5hbWU6\r\n");
        CHECK(f.exchange("YWxpY2VAZXhhbXBsZS5jb20=\r\n") == "+ UGFzc3dvcmQ6\r\n");
        CHECK(has(f.exchange("c2VjcmV0\r\n"), "a1 OK [CAPABILITY"));
    }
}

TEST_CASE("session: unknown commands and bad syntax get BAD; the session goes on", "[imap][session]") {
    SessionFixture f;
    f.connection.take();
    CHECK(f.exchange("a1 FROB\r\n") == "a1 BAD Error in IMAP command FROB: Unknown command.\r\n");
    CHECK(f.exchange("a2 LOGIN \"x\r\n") == "a2 BAD Error in IMAP command: Unterminated quoted string\r\n");
    CHECK(f.exchange("\"\r\n") == "* BAD Error in IMAP command received by server: Invalid tag\r\n");
    CHECK(f.exchange("a3 NOOP\r\n") == "a3 OK NOOP completed.\r\n");
}

TEST_CASE("session: LOGOUT says BYE, completes, and closes (RFC 3501 §6.1.3)", "[imap][session]") {
    SessionFixture f;
    f.connection.take();
    CHECK(f.exchange("a1 LOGOUT\r\na2 NOOP\r\n") == "* BYE Logging out\r\na1 OK Logout completed.\r\n");
    CHECK(f.connection.closed);
}

TEST_CASE("session: BYE before the server closes on its own (RFC 3501 §7.1.5)", "[imap][session]") {
    SECTION("inactivity") {
        SessionFixture f;
        f.connection.take();
        f.session->on_closing(roost::net::CloseCause::IdleTimeout);
        CHECK(f.connection.take() == "* BYE Disconnected for inactivity.\r\n");
    }
    SECTION("shutdown, in the middle of a logged-in session") {
        SessionFixture f;
        f.login();
        f.connection.take();
        f.session->on_closing(roost::net::CloseCause::ServerShutdown);
        CHECK(f.connection.take() == "* BYE Server shutting down.\r\n");
    }
}

TEST_CASE("session: before login, literals above 64 KiB are refused without reading them", "[imap][session]") {
    SessionFixture f(true);
    f.connection.take();
    CHECK(f.exchange("a1 LOGIN {100000}\r\n") == "a1 BAD Literal too large.\r\n");
    CHECK(f.exchange("a2 NOOP\r\n") == "a2 OK NOOP completed.\r\n");
    CHECK_FALSE(f.connection.closed);
    // RFC 7888 §4: a refused non-synchronising literal is already on its way; the session
    // says BYE and closes rather than reading its octets as commands.
    CHECK(f.exchange("a3 LOGIN {70000+}\r\n" + std::string(70000, 'x') + " pw\r\na4 NOOP\r\n") ==
          "a3 BAD Literal too large.\r\n* BYE Non-synchronizing literal refused, disconnecting.\r\n");
    CHECK(f.connection.closed);
}

TEST_CASE("session: a literal after an invalid tag is not requested (RFC 3501 §9)", "[imap][session]") {
    SessionFixture f;
    f.connection.take();
    // No "+ Ready": the next line is a new command, not literal data.
    CHECK(f.exchange("o{3}\r\n") == "* BAD Error in IMAP command received by server: Invalid tag\r\n");
    CHECK(f.exchange("a1 NOOP\r\n") == "a1 OK NOOP completed.\r\n");
    // Non-synchronising: its octets are on their way, so close (RFC 7888 §4).
    CHECK(f.exchange("o{9+}\r\na2 NOOP\r\n") ==
          "* BAD Error in IMAP command received by server: Invalid tag\r\n"
          "* BYE Non-synchronizing literal refused, disconnecting.\r\n");
    CHECK(f.connection.closed);
}

TEST_CASE("session: a client sending only garbage is disconnected after 20 errors in a row", "[imap][session]") {
    SessionFixture f;
    f.connection.take();
    std::string garbage;
    for (int i = 0; i < 19; ++i) garbage += "g" + std::to_string(i) + " FROB\r\n";
    f.exchange(garbage);
    CHECK_FALSE(f.connection.closed);
    CHECK(f.exchange("g19 \"\r\n") ==
          "g19 BAD Error in IMAP command: Unterminated quoted string\r\n* BYE Too many invalid IMAP commands.\r\n");
    CHECK(f.connection.closed);
}
