// pop3::Session end to end over a FakeConnection, a real loop and worker pool, a real SQLite
// user store and a real Maildir: the RFC 1939 state machine, CAPA (RFC 2449), STLS (RFC 2595),
// AUTH (RFC 5034), and the deletion semantics scope item 6 demands.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "base/strings.hpp"
#include "mail/message.hpp"
#include "pop3/mailbox_lock.hpp"
#include "pop3/session.hpp"
#include "storage/mail_store.hpp"
#include "unit/captured_stderr.hpp"
#include "unit/pop3/pop3_harness.hpp"

using namespace roost::pop3::test;

namespace {

const std::string kMsg1 = "From: a@example.com\nSubject: one\n\nHello\n.dot line\n..two dots\n";
const std::string kMsg2 = "Subject: two\r\n\r\nBody two\r\n";
const std::string kMsg3 = "Subject: three\n\nl1\nl2\nl3\n";

void deliver_three(Server& server) {
    server.deliver("1700000001.M1P1.test", kMsg1);
    server.deliver("1700000002.M1P2.test", kMsg2);
    server.deliver("1700000003.M1P3.test", kMsg3);
}

// The lines of a multi-line response after "+OK ...", un-stuffed; REQUIREs the terminator.
std::vector<std::string> multi_lines(const std::string& response) {
    REQUIRE(roost::istarts_with(response, "+OK"));
    REQUIRE(response.size() >= 5);
    REQUIRE(response.substr(response.size() - 5) == "\r\n.\r\n");
    std::vector<std::string> lines;
    size_t pos = response.find("\r\n") + 2;
    while (true) {
        size_t end = response.find("\r\n", pos);
        std::string line = response.substr(pos, end - pos);
        pos = end + 2;
        if (line == ".") break;
        if (!line.empty() && line[0] == '.') line.erase(0, 1);
        lines.push_back(line);
    }
    REQUIRE(pos == response.size());
    return lines;
}

// The message body of a RETR/TOP response, un-stuffed, with CRLF line ends.
std::string body_of(const std::string& response) {
    std::string out;
    for (const std::string& line : multi_lines(response)) out += line + "\r\n";
    return out;
}

}  // namespace

TEST_CASE("POP3 greeting and CAPA in AUTHORIZATION (RFC 1939 §4, RFC 2449 §5)", "[pop3][session]") {
    Server server;
    SECTION("loopback without TLS: USER and SASL offered, no STLS when TLS is not configured") {
        Client c(server);
        CHECK(c.conn.out == "+OK Roost ready.\r\n");
        CHECK(c.conn.idle_timeout == 10 * 60 * 1000);  // RFC 1939 §3: at least 10 minutes
        auto caps = multi_lines(c.send("CAPA"));
        CHECK(caps == std::vector<std::string>{"CAPA", "TOP", "UIDL", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE",
                                               "USER", "SASL PLAIN LOGIN"});
    }
    SECTION("remote peer before TLS: STLS offered, plaintext hidden (disable_plaintext_auth)") {
        Client c(server, /*loopback=*/false, /*tls_possible=*/true);
        auto caps = multi_lines(c.send("CAPA"));
        CHECK(std::count(caps.begin(), caps.end(), "STLS") == 1);
        CHECK(std::count(caps.begin(), caps.end(), "USER") == 0);
        CHECK(std::none_of(caps.begin(), caps.end(), [](const std::string& s) { return s.rfind("SASL", 0) == 0; }));
        // After STLS: no STLS any more, USER and SASL appear.
        CHECK(c.send("STLS") == "+OK Begin TLS negotiation now.\r\n");
        caps = multi_lines(c.send("CAPA"));
        CHECK(std::count(caps.begin(), caps.end(), "STLS") == 0);
        CHECK(std::count(caps.begin(), caps.end(), "USER") == 1);
        CHECK(std::count(caps.begin(), caps.end(), "SASL PLAIN LOGIN") == 1);
    }
}

TEST_CASE("POP3 plaintext login refused on a non-secure remote connection", "[pop3][session]") {
    Server server;
    Client c(server, /*loopback=*/false, /*tls_possible=*/true);
    const std::string refused =
        "-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.\r\n";
    CHECK(c.send("USER alice@example.com") == refused);
    CHECK(c.send("PASS secret") == refused);
    CHECK(c.send("AUTH PLAIN AGFsaWNlQGV4YW1wbGUuY29tAHNlY3JldA==") == refused);
    SECTION("allowed once the config allows it") {
        server.settings.disable_plaintext_auth = false;
        CHECK(c.send("USER alice@example.com") == "+OK\r\n");
    }
    SECTION("logged in Dovecot's words at the disconnect") {
        std::string log = roost::test::captured_stderr([&] { c.drop(); });
        CHECK(log.find("pop3-login: Info: Aborted login (tried to use disallowed plaintext auth): user=<>") !=
              std::string::npos);
    }
}

TEST_CASE("POP3 STLS discards pipelined plaintext input (RFC 2595 §4)", "[pop3][session]") {
    Server server;
    Client c(server, /*loopback=*/false, /*tls_possible=*/true);
    // The USER line was sent before the handshake: it must not be executed.
    CHECK(c.send_raw("STLS\r\nUSER injected@example.com\r\n") == "+OK Begin TLS negotiation now.\r\n");
    CHECK(c.conn.start_tls_calls == 1);
    CHECK(c.send("PASS secret") == "-ERR No username given.\r\n");
    CHECK(c.send("STLS") == "-ERR TLS is already active.\r\n");
}

TEST_CASE("POP3 commands in the wrong state are refused (RFC 1939 §3)", "[pop3][session]") {
    Server server;
    deliver_three(server);
    Client c(server);
    CHECK(c.send("STAT") == "-ERR Not logged in.\r\n");
    CHECK(c.send("RETR 1") == "-ERR Not logged in.\r\n");
    CHECK(c.send("PASS secret") == "-ERR No username given.\r\n");
    CHECK(c.login() == "+OK Logged in.\r\n");
    CHECK(c.send("USER alice@example.com") == "-ERR Command not allowed in this state.\r\n");
    CHECK(c.send("STLS") == "-ERR Command not allowed in this state.\r\n");
    CHECK(c.send("BOGUS") == "-ERR Unknown command.\r\n");
    CHECK(c.send("RETR x") == "-ERR Invalid message number: x\r\n");
}

TEST_CASE("POP3 STAT, LIST, UIDL and RETR agree on sizes; RETR is dot-stuffed (RFC 1939 §5, §7)", "[pop3][session]") {
    Server server;
    deliver_three(server);
    Client c(server);
    REQUIRE(c.login() == "+OK Logged in.\r\n");

    const std::set<std::string> expected = {roost::mail::to_crlf(kMsg1), kMsg2, roost::mail::to_crlf(kMsg3)};
    uint64_t total = 0;
    for (const std::string& m : expected) total += m.size();
    CHECK(c.send("STAT") == "+OK 3 " + std::to_string(total) + "\r\n");

    auto listing = multi_lines(c.send("LIST"));
    REQUIRE(listing.size() == 3);
    std::set<std::string> retrieved;
    for (uint32_t n = 1; n <= 3; ++n) {
        std::string size = listing[n - 1].substr(listing[n - 1].find(' ') + 1);
        CHECK(listing[n - 1] == std::to_string(n) + " " + size);
        CHECK(c.send("LIST " + std::to_string(n)) == "+OK " + std::to_string(n) + " " + size + "\r\n");
        std::string response = c.send("RETR " + std::to_string(n));
        CHECK(response.rfind("+OK " + size + " octets\r\n", 0) == 0);
        std::string body = body_of(response);
        CHECK(std::to_string(body.size()) == size);
        retrieved.insert(body);
    }
    CHECK(retrieved == expected);

    // The wire form of message 1 has its dot lines stuffed.
    bool saw_stuffed = false;
    for (uint32_t n = 1; n <= 3; ++n) {
        std::string raw = c.send("RETR " + std::to_string(n));
        saw_stuffed = saw_stuffed || raw.find("\r\n..dot line\r\n...two dots\r\n") != std::string::npos;
    }
    CHECK(saw_stuffed);

    // UIDL: unique, 16 upper-case hex digits (Dovecot's %08Xu%08Xv), and single form agrees.
    auto uidls = multi_lines(c.send("UIDL"));
    REQUIRE(uidls.size() == 3);
    std::set<std::string> ids;
    for (uint32_t n = 1; n <= 3; ++n) {
        std::string id = uidls[n - 1].substr(uidls[n - 1].find(' ') + 1);
        CHECK(id.size() == 16);
        CHECK(id.find_first_not_of("0123456789ABCDEF") == std::string::npos);
        CHECK(c.send("UIDL " + std::to_string(n)) == "+OK " + std::to_string(n) + " " + id + "\r\n");
        ids.insert(id);
    }
    CHECK(ids.size() == 3);
    CHECK(c.send("LIST 4") == "-ERR There's no message 4.\r\n");
    CHECK(c.send("RETR 0") == "-ERR There's no message 0.\r\n");
}

TEST_CASE("POP3 LIST/STAT count the CRLF RETR adds after a last line without one (RFC 1939 §3, §5)",
          "[pop3][session]") {
    // RFC 1939 §5: LIST gives the "exact size" of the message; §3: the multi-line response
    // ends with CRLF "." CRLF, so a message ending mid-line is sent with a CRLF added.
    Server server;
    const std::string no_eol = "Subject: noeol\n\nlast line without newline";     // 43 octets served
    const std::string lf_only = "Subject: lf\n\n.dot first\nlast\n";            // bare LFs
    const std::string crlf_no_eol = "Subject: crlf\r\n\r\n.ends in a dot line";  // stuffed, no CRLF
    server.deliver("1700000001.M1P1.test", no_eol);
    server.deliver("1700000002.M1P2.test", lf_only);
    server.deliver("1700000003.M1P3.test", crlf_no_eol);
    server.deliver("1700000004.M1P4.test", "");  // RETR sends only the terminator
    // Named as Dovecot/roost deliveries with ,W=: storage reads only the last byte at sync.
    const std::string w_no_eol = "Subject: w\n\nno eol";
    server.deliver("1700000005.M1P5.test,S=" + std::to_string(w_no_eol.size()) +
                       ",W=" + std::to_string(roost::mail::crlf_size(w_no_eol)),
                   w_no_eol);
    const std::vector<std::string> sent = {
        roost::mail::to_crlf(no_eol) + "\r\n", roost::mail::to_crlf(lf_only), crlf_no_eol + "\r\n", "",
        roost::mail::to_crlf(w_no_eol) + "\r\n"};
    CHECK(sent[0].size() == 45);  // the example: 43 stored-as-served octets, 45 sent

    for (int session = 0; session < 2; ++session) {  // the second one reads the index back
        Client c(server);
        REQUIRE(c.login() == "+OK Logged in.\r\n");
        auto listing = multi_lines(c.send("LIST"));
        REQUIRE(listing.size() == sent.size());
        uint64_t total = 0;
        for (uint32_t n = 1; n <= sent.size(); ++n) {
            const std::string size = std::to_string(sent[n - 1].size());
            total += sent[n - 1].size();
            CHECK(listing[n - 1] == std::to_string(n) + " " + size);
            std::string response = c.send("RETR " + std::to_string(n));
            CHECK(response.rfind("+OK " + size + " octets\r\n", 0) == 0);
            CHECK(body_of(response) == sent[n - 1]);
        }
        CHECK(c.send("STAT") == "+OK " + std::to_string(sent.size()) + " " + std::to_string(total) + "\r\n");
        // The wire form of the empty message: status line and terminator, nothing else.
        CHECK(c.send("RETR 4") == "+OK 0 octets\r\n.\r\n");
        CHECK(c.send("QUIT").rfind("+OK", 0) == 0);
    }
}

TEST_CASE("POP3 TOP sends header, blank line and n body lines (RFC 1939 §7)", "[pop3][session]") {
    Server server;
    server.deliver("1700000003.M1P3.test", kMsg3);
    Client c(server);
    REQUIRE(c.login() == "+OK Logged in.\r\n");
    CHECK(body_of(c.send("TOP 1 0")) == "Subject: three\r\n\r\n");
    CHECK(body_of(c.send("TOP 1 2")) == "Subject: three\r\n\r\nl1\r\nl2\r\n");
    CHECK(body_of(c.send("TOP 1 99")) == roost::mail::to_crlf(kMsg3));
    CHECK(c.send("TOP 2 1") == "-ERR There's no message 2.\r\n");
}

TEST_CASE("POP3 DELE marks, RSET unmarks, QUIT deletes (RFC 1939 §5, §6)", "[pop3][session]") {
    Server server;
    deliver_three(server);
    std::vector<std::string> uidls_before;
    {
        Client c(server);
        REQUIRE(c.login() == "+OK Logged in.\r\n");
        uidls_before = multi_lines(c.send("UIDL"));
        std::string stat_all = c.send("STAT");
        CHECK(c.send("DELE 2") == "+OK Marked to be deleted.\r\n");
        CHECK(c.send("DELE 2") == "-ERR Message is deleted.\r\n");
        CHECK(c.send("RETR 2") == "-ERR Message is deleted.\r\n");
        CHECK(c.send("LIST 2") == "-ERR Message is deleted.\r\n");
        CHECK(c.send("DELE 9") == "-ERR There's no message 9.\r\n");
        CHECK(c.send("STAT").rfind("+OK 2 ", 0) == 0);
        CHECK(multi_lines(c.send("LIST")).size() == 2);
        // Message numbers do not shift after DELE (RFC 1939 §5).
        CHECK(c.send("LIST 3").rfind("+OK 3 ", 0) == 0);
        CHECK(c.send("RSET").rfind("+OK 3 messages", 0) == 0);
        CHECK(c.send("STAT") == stat_all);
        CHECK(c.send("DELE 2") == "+OK Marked to be deleted.\r\n");
        CHECK(c.send("QUIT") == "+OK Logging out, messages deleted.\r\n");
        CHECK(c.closed());
    }
    CHECK(server.files_in_maildir() == 2);
    Client c(server);
    REQUIRE(c.login() == "+OK Logged in.\r\n");
    auto uidls_after = multi_lines(c.send("UIDL"));
    REQUIRE(uidls_after.size() == 2);
    // The survivors keep their UIDLs across sessions (numbers are renumbered).
    auto id = [](const std::string& line) { return line.substr(line.find(' ') + 1); };
    CHECK(id(uidls_after[0]) == id(uidls_before[0]));
    CHECK(id(uidls_after[1]) == id(uidls_before[2]));
}

TEST_CASE("POP3 a dropped connection deletes nothing (RFC 1939 §6)", "[pop3][session]") {
    Server server;
    deliver_three(server);
    {
        Client c(server);
        REQUIRE(c.login() == "+OK Logged in.\r\n");
        CHECK(c.send("DELE 1") == "+OK Marked to be deleted.\r\n");
        CHECK(c.send("DELE 3") == "+OK Marked to be deleted.\r\n");
        c.drop();  // no QUIT: the peer vanished
    }
    CHECK(server.files_in_maildir() == 3);
    SECTION("the idle timer and a server shutdown close silently and delete nothing (RFC 1939 §3)") {
        for (auto cause : {roost::net::CloseCause::IdleTimeout, roost::net::CloseCause::ServerShutdown}) {
            Client c(server);
            REQUIRE(c.login() == "+OK Logged in.\r\n");
            CHECK(c.send("DELE 2") == "+OK Marked to be deleted.\r\n");
            CHECK(c.closed_by_server(cause).empty());
            CHECK(server.files_in_maildir() == 3);
        }
    }
    SECTION("DELE + RSET + QUIT deletes nothing either") {
        Client c(server);
        REQUIRE(c.login() == "+OK Logged in.\r\n");
        CHECK(c.send("STAT").rfind("+OK 3 ", 0) == 0);
        CHECK(c.send("DELE 1") == "+OK Marked to be deleted.\r\n");
        CHECK(c.send("RSET").rfind("+OK", 0) == 0);
        CHECK(c.send("QUIT") == "+OK Logging out.\r\n");
        CHECK(server.files_in_maildir() == 3);
    }
}

TEST_CASE("POP3 a second session on the same maildrop gets [IN-USE] (RFC 2449 §8.1.2)", "[pop3][session]") {
    Server server;
    deliver_three(server);
    Client first(server);
    REQUIRE(first.login() == "+OK Logged in.\r\n");
    {
        Client second(server);
        // Case differs: the lock is on the canonical user name.
        CHECK(second.login("Alice@Example.COM") == "-ERR [IN-USE] Mailbox is locked by another POP3 session.\r\n");
        CHECK(second.closed());
        // Another user is not affected.
        Client bob(server);
        CHECK(bob.login("bob@example.com", "hunter2") == "+OK Logged in.\r\n");
    }
    CHECK(roost::pop3::MailboxLock::is_held("alice@example.com"));
    first.drop();
    CHECK_FALSE(roost::pop3::MailboxLock::is_held("alice@example.com"));
    Client third(server);
    CHECK(third.login() == "+OK Logged in.\r\n");
}

TEST_CASE("POP3 failed logins answer alike after a delay (RFC 2449 §8.1, RFC 3206 [AUTH])", "[pop3][session][slow]") {
    Server server;
    Client c(server);
    CHECK(c.login("alice@example.com", "wrong") == "-ERR [AUTH] Authentication failed.\r\n");
    CHECK(c.login("nobody@example.com", "secret") == "-ERR [AUTH] Authentication failed.\r\n");
    CHECK(c.login() == "+OK Logged in.\r\n");
}

TEST_CASE("POP3 AUTH PLAIN and LOGIN (RFC 5034 §4)", "[pop3][session]") {
    Server server;
    const std::string plain = roost::base64_encode(std::string("\0alice@example.com\0secret", 25));
    SECTION("PLAIN with an initial response") {
        Client c(server);
        CHECK(c.send("AUTH PLAIN " + plain) == "+OK Logged in.\r\n");
    }
    SECTION("PLAIN without an initial response: empty challenge, then the response") {
        Client c(server);
        CHECK(c.send("AUTH PLAIN") == "+ \r\n");
        CHECK(c.send(plain) == "+OK Logged in.\r\n");
    }
    SECTION("'=' is the empty initial response") {
        Client c(server);
        CHECK(c.send("AUTH PLAIN =") == "+ \r\n");
        CHECK(c.send(plain) == "+OK Logged in.\r\n");
    }
    SECTION("LOGIN: user and password prompts") {
        Client c(server);
        CHECK(c.send("auth login") == "+ " + roost::base64_encode("Username:") + "\r\n");
        CHECK(c.send(roost::base64_encode("alice@example.com")) == "+ " + roost::base64_encode("Password:") + "\r\n");
        CHECK(c.send(roost::base64_encode("secret")) == "+OK Logged in.\r\n");
    }
    SECTION("'*' cancels the exchange; the session continues") {
        Client c(server);
        CHECK(c.send("AUTH LOGIN") == "+ " + roost::base64_encode("Username:") + "\r\n");
        CHECK(c.send("*") == "-ERR Authentication cancelled.\r\n");
        CHECK(c.send("NOOP") == "-ERR Not logged in.\r\n");
    }
    SECTION("bad base64, unknown mechanism, mechanism list") {
        Client c(server);
        CHECK(c.send("AUTH PLAIN !!!") == "-ERR Invalid base64 data in initial response.\r\n");
        CHECK(c.send("AUTH CRAM-MD5") == "-ERR Unsupported authentication mechanism.\r\n");
        CHECK(multi_lines(c.send("AUTH")) == std::vector<std::string>{"PLAIN", "LOGIN"});
    }
}

TEST_CASE("POP3 pipelined commands are answered in order (RFC 2449 §6.6)", "[pop3][session]") {
    Server server;
    deliver_three(server);
    Client c(server);
    std::string out = c.send_raw("USER alice@example.com\r\nPASS secret\r\nSTAT\r\nRETR 2\r\nNOOP\r\nQUIT\r\n");
    size_t logged_in = out.find("+OK Logged in.\r\n");
    size_t stat = out.find("+OK 3 ");
    size_t retr = out.find(" octets\r\n");
    size_t noop = out.find("\r\n.\r\n+OK\r\n");
    size_t quit = out.find("+OK Logging out.\r\n");
    CHECK(out.rfind("+OK\r\n", 0) == 0);
    CHECK(logged_in != std::string::npos);
    CHECK(stat > logged_in);
    CHECK(retr > stat);
    CHECK(noop > retr);
    CHECK(quit > noop);
    CHECK(c.closed());
}

TEST_CASE("POP3 RETR of a large message waits for the write queue to drain", "[pop3][session]") {
    Server server;
    std::string big = "Subject: big\r\n\r\n";
    while (big.size() < 3 * roost::pop3::Session::kBodyChunk) big += ".line of text that starts with a dot\r\n";
    server.deliver("1700000009.M1P9.test", big);
    Client c(server);
    REQUIRE(c.login() == "+OK Logged in.\r\n");
    c.conn.queued = roost::net::Connection::kHighWater;  // the peer is slow
    std::string first = c.send("RETR 1");
    CHECK(first == "+OK " + std::to_string(big.size()) + " octets\r\n");  // nothing queued above the mark
    CHECK(c.send("NOOP").empty());  // pipelined: waits behind the unfinished RETR
    c.conn.queued = 0;
    // The queue drained: the rest of the body, the terminator, then the NOOP answer.
    size_t before = c.conn.out.size();
    c.drain();
    std::string rest = c.conn.out.substr(before);
    CHECK(body_of(first + rest.substr(0, rest.size() - 5)) == big);
    CHECK(rest.substr(rest.size() - 5) == "+OK\r\n");
}

TEST_CASE("POP3 too many bad commands close the connection (Dovecot's limit)", "[pop3][session]") {
    Server server;
    Client c(server);
    for (int i = 0; i < roost::pop3::Session::kMaxBadCommands; ++i) CHECK(c.send("XYZ") == "-ERR Unknown command.\r\n");
    CHECK_FALSE(c.closed());
    CHECK(c.send("XYZ") == "-ERR Unknown command.\r\n-ERR Too many bad commands.\r\n");
    CHECK(c.closed());
}

TEST_CASE("POP3 over-long input line: -ERR and close", "[pop3][session]") {
    Server server;
    Client c(server);
    CHECK(c.send("NOOP " + std::string(300, 'x')) == "-ERR Command line too long.\r\n");
    CHECK_FALSE(c.closed());
    CHECK(c.send("AUTH PLAIN " + std::string(10000, 'A')) == "-ERR Input line too long.\r\n");
    CHECK(c.closed());
}

TEST_CASE("POP3 QUIT in AUTHORIZATION closes without touching mail (RFC 1939 §4)", "[pop3][session]") {
    Server server;
    Client c(server);
    CHECK(c.send("QUIT") == "+OK Logging out.\r\n");
    CHECK(c.closed());
}

TEST_CASE("POP3 RETR marks \\Seen at QUIT, TOP does not, a drop or RSET changes nothing", "[pop3][session]") {
    // Dovecot's default (pop3_no_flag_updates = no): an IMAP client sees POP3-downloaded
    // mail as read. Roost applies it in the UPDATE state only, with the deletions.
    Server server;
    deliver_three(server);
    auto seen_uids = [&server] {
        auto store = roost::storage::open_maildir_store(server.maildir("alice", "example.com"));
        REQUIRE(store.ok());
        auto inbox = (*store)->open("INBOX", true);
        REQUIRE(inbox.ok());
        REQUIRE((*inbox)->sync().ok());
        std::vector<uint32_t> seen;
        for (const auto& m : (*inbox)->messages()) {
            if (m.flags & roost::storage::kSeen) seen.push_back(m.uid);
        }
        return seen;
    };
    std::vector<uint32_t> all_uids;
    {
        auto store = roost::storage::open_maildir_store(server.maildir("alice", "example.com"));
        REQUIRE(store.ok());
        auto inbox = (*store)->open("INBOX", false);
        REQUIRE(inbox.ok());
        REQUIRE((*inbox)->sync().ok());
        for (const auto& m : (*inbox)->messages()) all_uids.push_back(m.uid);
    }
    REQUIRE(all_uids.size() == 3);
    {
        Client c(server);
        REQUIRE(c.login() == "+OK Logged in.\r\n");
        REQUIRE(c.send("RETR 1").rfind("+OK", 0) == 0);
        c.drop();
    }
    CHECK(seen_uids().empty());
    {
        Client c(server);
        REQUIRE(c.login() == "+OK Logged in.\r\n");
        REQUIRE(c.send("RETR 1").rfind("+OK", 0) == 0);
        REQUIRE(c.send("TOP 2 0").rfind("+OK", 0) == 0);
        REQUIRE(c.send("RETR 3").rfind("+OK", 0) == 0);
        REQUIRE(c.send("DELE 3") == "+OK Marked to be deleted.\r\n");
        REQUIRE(c.send("QUIT") == "+OK Logging out, messages deleted.\r\n");
    }
    CHECK(seen_uids() == std::vector<uint32_t>{all_uids[0]});
    {
        // RSET forgets the RETR too, as Dovecot does.
        Client c(server);
        REQUIRE(c.login() == "+OK Logged in.\r\n");
        REQUIRE(c.send("RETR 2").rfind("+OK", 0) == 0);
        REQUIRE(c.send("RSET").rfind("+OK", 0) == 0);
        REQUIRE(c.send("QUIT") == "+OK Logging out.\r\n");
    }
    CHECK(seen_uids() == std::vector<uint32_t>{all_uids[0]});
}
