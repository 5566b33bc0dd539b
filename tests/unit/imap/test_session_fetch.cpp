// Session: FETCH of ENVELOPE, BODY, BODYSTRUCTURE, the ALL/FAST/FULL macros and part sections
// (RFC 3501 §6.4.5, §7.4.2) over a Maildir and in memory, and the Maildir index cache that answers ENVELOPE
// and BODYSTRUCTURE the second time without reading the message file.
#include <catch2/catch.hpp>

#include <filesystem>

#include "session_fixture.hpp"

using roost::imap::test::InMemory;
using roost::imap::test::OnMaildir;
using roost::imap::test::SessionFixture;
using roost::imap::test::StoreKind;
using roost::imap::test::has;

namespace {

const std::string kPlain = "From: a@example.com\nSubject: first\n\nHello\n";
const std::string kMultipart =
    "From: \"B. Sender\" <b@example.com>\nTo: team: c@example.com, d@example.com;\nSubject: parts\n"
    "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=XX\n\n--XX\nContent-Type: text/plain; charset=UTF-8\n\n"
    "one\n--XX\nContent-Type: message/rfc822\nContent-Disposition: attachment\n\nSubject: inner\n\ninner body\n--XX--\n";

const char* kPlainEnvelope =
    "(NIL \"first\" ((NIL NIL \"a\" \"example.com\")) ((NIL NIL \"a\" \"example.com\")) "
    "((NIL NIL \"a\" \"example.com\")) NIL NIL NIL NIL NIL)";
const char* kPlainStructure = "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 7 1 NIL NIL NIL NIL)";
const char* kMultipartStructure =
    "((\"text\" \"plain\" (\"charset\" \"UTF-8\") NIL NIL \"7bit\" 3 0 NIL NIL NIL NIL)"
    "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 28 (NIL \"inner\" NIL NIL NIL NIL NIL NIL NIL NIL) "
    "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 10 0 NIL NIL NIL NIL) 2 NIL "
    "(\"attachment\" NIL) NIL NIL) \"mixed\" (\"boundary\" \"XX\") NIL NIL NIL)";

struct Mailbox : SessionFixture {
    explicit Mailbox(StoreKind kind) : SessionFixture(kind) {
        deliver("1000000000.M1P1.host", kPlain);
        deliver("1000000001.M2P1.host", kMultipart);
        login();
        exchange("s1 SELECT INBOX\r\n");
    }
};

}  // namespace

TEMPLATE_TEST_CASE("fetch: ENVELOPE, BODYSTRUCTURE and BODY (RFC 3501 §7.4.2)", "[imap][session][fetch]", OnMaildir, InMemory) {
    Mailbox f(TestType::kind);
    CHECK(f.exchange("f1 FETCH 1 (ENVELOPE BODYSTRUCTURE)\r\n") ==
          std::string("* 1 FETCH (ENVELOPE ") + kPlainEnvelope + " BODYSTRUCTURE " + kPlainStructure +
              ")\r\nf1 OK Fetch completed.\r\n");
    CHECK(f.exchange("f2 UID FETCH 2 BODYSTRUCTURE\r\n") ==
          std::string("* 2 FETCH (UID 2 BODYSTRUCTURE ") + kMultipartStructure + ")\r\nf2 OK Fetch completed.\r\n");
    CHECK(f.exchange("f3 FETCH 2 BODY\r\n") ==
          "* 2 FETCH (BODY ((\"text\" \"plain\" (\"charset\" \"UTF-8\") NIL NIL \"7bit\" 3 0)(\"message\" \"rfc822\" "
          "NIL NIL NIL \"7bit\" 28 (NIL \"inner\" NIL NIL NIL NIL NIL NIL NIL NIL) (\"text\" \"plain\" (\"charset\" "
          "\"us-ascii\") NIL NIL \"7bit\" 10 0) 2) \"mixed\"))\r\nf3 OK Fetch completed.\r\n");
    std::string envelope = f.exchange("f4 FETCH 2 ENVELOPE\r\n");
    CHECK(has(envelope, "((\"B. Sender\" NIL \"b\" \"example.com\"))"));
    CHECK(has(envelope, "((NIL NIL \"team\" NIL)(NIL NIL \"c\" \"example.com\")(NIL NIL \"d\" \"example.com\")(NIL NIL NIL NIL))"));
    // None of these is a body section: \Seen stays unset.
    CHECK(f.exchange("f5 FETCH 1:2 FLAGS\r\n") ==
          "* 1 FETCH (FLAGS (\\Recent))\r\n* 2 FETCH (FLAGS (\\Recent))\r\nf5 OK Fetch completed.\r\n");
}

TEMPLATE_TEST_CASE("fetch: the ALL, FAST and FULL macros (RFC 3501 §6.4.5)", "[imap][session][fetch]", OnMaildir, InMemory) {
    Mailbox f(TestType::kind);
    std::string all = f.exchange("f1 FETCH 1 ALL\r\n");
    CHECK(has(all, "* 1 FETCH (FLAGS (\\Recent) INTERNALDATE \""));
    CHECK(has(all, std::string("RFC822.SIZE 46 ENVELOPE ") + kPlainEnvelope + ")\r\nf1 OK"));
    std::string full = f.exchange("f2 FETCH 1 full\r\n");
    CHECK(has(full, std::string("ENVELOPE ") + kPlainEnvelope +
                        " BODY (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 7 1))\r\nf2 OK"));
    CHECK_FALSE(has(f.exchange("f3 FETCH 1 FAST\r\n"), "ENVELOPE"));
}

TEMPLATE_TEST_CASE("fetch: part sections, MIME headers and partials (RFC 3501 §6.4.5)", "[imap][session][fetch]", OnMaildir, InMemory) {
    Mailbox f(TestType::kind);
    CHECK(f.exchange("f1 FETCH 2 (BODY.PEEK[1] BODY.PEEK[1.MIME])\r\n") ==
          "* 2 FETCH (BODY[1] {3}\r\none BODY[1.MIME] {43}\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n)\r\n"
          "f1 OK Fetch completed.\r\n");
    CHECK(f.exchange("f2 FETCH 2 (BODY.PEEK[2.HEADER] BODY.PEEK[2.TEXT] BODY.PEEK[2.1]<2.3>)\r\n") ==
          "* 2 FETCH (BODY[2.HEADER] {18}\r\nSubject: inner\r\n\r\n BODY[2.TEXT] {10}\r\ninner body "
          "BODY[2.1]<2> {3}\r\nner)\r\nf2 OK Fetch completed.\r\n");
    CHECK(f.exchange("f3 FETCH 2 BODY.PEEK[2]\r\n") ==
          "* 2 FETCH (BODY[2] {28}\r\nSubject: inner\r\n\r\ninner body)\r\nf3 OK Fetch completed.\r\n");
    CHECK(f.exchange("f4 FETCH 2 BODY.PEEK[2.HEADER.FIELDS (subject)]\r\n") ==
          "* 2 FETCH (BODY[2.HEADER.FIELDS (SUBJECT)] {18}\r\nSubject: inner\r\n\r\n)\r\nf4 OK Fetch completed.\r\n");
    // RFC 3501 §6.4.5: BODY[1] of a single-part message is its body; a missing part is empty.
    CHECK(f.exchange("f5 FETCH 1 (BODY.PEEK[1] BODY.PEEK[3])\r\n") ==
          "* 1 FETCH (BODY[1] {7}\r\nHello\r\n BODY[3] {0}\r\n)\r\nf5 OK Fetch completed.\r\n");
    // BODY[1] (not PEEK) sets \Seen like any body section.
    CHECK(has(f.exchange("f6 FETCH 2 BODY[1]\r\n"), "FLAGS (\\Seen \\Recent)"));
    CHECK(f.exchange("f7 FETCH 2 BODY[MIME]\r\n") == "f7 BAD Error in IMAP command FETCH: Invalid BODY[..] section\r\n");
    CHECK(f.exchange("f8 FETCH 2 BODY[1.2.TEXT.X]\r\n") == "f8 BAD Error in IMAP command FETCH: Invalid BODY[..] section\r\n");
}

// Maildir only: it deletes message files behind the index's back.
TEST_CASE("fetch: a second ENVELOPE/BODYSTRUCTURE comes from the index, not the message file",
          "[imap][session][fetch][cache]") {
    Mailbox f(StoreKind::Maildir);
    std::string first = f.exchange("f1 FETCH 1:2 (ENVELOPE BODY BODYSTRUCTURE)\r\n");
    REQUIRE(has(first, kMultipartStructure));
    // Remove the files behind the index's back: only the cache can answer now.
    for (const auto& entry : std::filesystem::directory_iterator(f.maildir() + "/cur"))
        std::filesystem::remove(entry.path());
    std::string second = f.exchange("f2 FETCH 1:2 (ENVELOPE BODY BODYSTRUCTURE)\r\n");
    CHECK(second == first.substr(0, first.find("f1 OK")) + "f2 OK Fetch completed.\r\n");
    // Proof that the files are gone: the content itself cannot be served any more.
    CHECK_FALSE(has(f.exchange("f3 FETCH 1 BODY.PEEK[]\r\n"), "BODY[] {"));
}
