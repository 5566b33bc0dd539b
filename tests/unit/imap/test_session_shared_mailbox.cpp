// Two sessions on one mailbox: what one changes reaches the other as untagged data at the
// points RFC 3501 allows (§5.2, §7.4.1), never as an EXPUNGE during FETCH, STORE or SEARCH.
// Over a Maildir and over one in-memory store that both sessions share.
#include <catch2/catch.hpp>

#include <fstream>

#include "imap/session.hpp"
#include "session_fixture.hpp"

using roost::imap::test::FakeConnection;
using roost::imap::test::InMemory;
using roost::imap::test::OnMaildir;
using roost::imap::test::SessionFixture;
using roost::imap::test::StoreKind;
using roost::imap::test::has;

namespace {

// Session `a` (the fixture's) and a second session `b` of the same user, both with INBOX
// selected; `a` selected first, so it holds \Recent for the two delivered messages.
struct TwoSessions : SessionFixture {
    explicit TwoSessions(StoreKind kind) : SessionFixture(kind) {
        deliver("1000000000.M1P1.host", "Subject: one\n\nfirst\n");
        deliver("1000000001.M2P1.host", "Subject: two\n\nsecond\n");
        login();
        exchange("a1 SELECT INBOX\r\n");
        other.tls = true;
        b = roost::imap::make_session(*context, other);
        b_exchange("b0 LOGIN alice@example.com secret\r\n");
        b_exchange("b1 SELECT INBOX\r\n");
    }
    ~TwoSessions() { b->on_closed(); }

    std::string b_exchange(const std::string& bytes) {
        b->on_bytes(bytes);
        loop.run();
        return other.take();
    }

    FakeConnection other;
    std::shared_ptr<roost::net::ByteSink> b;
};

}  // namespace

TEMPLATE_TEST_CASE("shared mailbox: another session's flag change arrives with the next LIST, before its OK (RFC 3501 §7.4.2)",
          "[imap][session][shared]", OnMaildir, InMemory) {
    TwoSessions f(TestType::kind);
    CHECK(has(f.b_exchange("b2 STORE 1 +FLAGS (\\Flagged)\r\n"), "b2 OK"));
    CHECK(f.exchange("a2 LIST \"\" nothing\r\n") ==
          "* 1 FETCH (FLAGS (\\Flagged \\Recent))\r\n"
          "a2 OK List completed.\r\n");
    // Reported once only.
    CHECK(f.exchange("a3 LIST \"\" nothing\r\n") == "a3 OK List completed.\r\n");
}

TEMPLATE_TEST_CASE("shared mailbox: an expunge is held back during FETCH and STORE, reported after UID FETCH (RFC 3501 §7.4.1)",
          "[imap][session][shared]", OnMaildir, InMemory) {
    TwoSessions f(TestType::kind);
    CHECK(has(f.b_exchange("b2 STORE 1 +FLAGS (\\Deleted)\r\nb3 EXPUNGE\r\n"), "* 1 EXPUNGE\r\n"));

    // FETCH and STORE must not shift the sequence numbers under the client.
    std::string fetched = f.exchange("a2 FETCH 1:* UID\r\n");
    CHECK_FALSE(has(fetched, "EXPUNGE"));
    CHECK(has(fetched, "* 2 FETCH (UID 2)\r\n"));
    std::string stored = f.exchange("a3 STORE 2 +FLAGS (\\Seen)\r\n");
    CHECK_FALSE(has(stored, "EXPUNGE"));
    CHECK(has(stored, "* 2 FETCH (FLAGS (\\Seen \\Recent))\r\n"));

    // UID FETCH may: the data uses the view the client knows, then the EXPUNGE renumbers.
    CHECK(f.exchange("a4 UID FETCH 2 FLAGS\r\n") ==
          "* 2 FETCH (UID 2 FLAGS (\\Seen \\Recent))\r\n"
          "* 1 EXPUNGE\r\n"
          "* 1 RECENT\r\n"  // §7.3.2: the count of \\Recent messages changed with the size
          "a4 OK Fetch completed.\r\n");
    CHECK(f.exchange("a5 FETCH 1 UID\r\n") == "* 1 FETCH (UID 2)\r\na5 OK Fetch completed.\r\n");
}

TEMPLATE_TEST_CASE("shared mailbox: a delivery shows as EXISTS and RECENT at the next UID STORE (RFC 3501 §7.3.1, §7.3.2)",
          "[imap][session][shared]", OnMaildir, InMemory) {
    TwoSessions f(TestType::kind);
    f.deliver("1000000002.M3P1.host", "Subject: three\n\nthird\n");
    std::string out = f.exchange("a2 UID STORE 1 +FLAGS (\\Answered)\r\n");
    CHECK(out ==
          "* 1 FETCH (UID 1 FLAGS (\\Answered \\Recent))\r\n"
          "* 3 EXISTS\r\n"
          "* 3 RECENT\r\n"
          "a2 OK Store completed.\r\n");
    // \Recent went to the session that saw the message first (RFC 3501 §2.3.2).
    CHECK(has(f.b_exchange("b2 NOOP\r\n"), "* 3 EXISTS\r\n* 0 RECENT\r\n"));
}

TEMPLATE_TEST_CASE("shared mailbox: a mailbox another session deletes ends this session with BYE after the reply (as Dovecot)",
          "[imap][session][shared]", OnMaildir, InMemory) {
    TwoSessions f(TestType::kind);
    CHECK(has(f.exchange("a2 CREATE Work\r\na3 SELECT Work\r\n"), "a3 OK [READ-WRITE]"));
    CHECK(has(f.b_exchange("b2 DELETE Work\r\n"), "b2 OK"));
    CHECK(f.exchange("a4 NOOP\r\na5 NOOP\r\n") ==
          "a4 OK NOOP completed.\r\n"
          "* BYE Selected mailbox was deleted, have to disconnect.\r\n");
    CHECK(f.connection.closed);
}

TEMPLATE_TEST_CASE("shared mailbox: the same after a command that syncs when it completes (LIST)", "[imap][session][shared]", OnMaildir, InMemory) {
    TwoSessions f(TestType::kind);
    f.exchange("a2 CREATE Work\r\na3 SELECT Work\r\n");
    f.b_exchange("b2 DELETE Work\r\n");
    CHECK(f.exchange("a4 LIST \"\" nothing\r\n") ==
          "a4 OK List completed.\r\n"
          "* BYE Selected mailbox was deleted, have to disconnect.\r\n");
    CHECK(f.connection.closed);
}
