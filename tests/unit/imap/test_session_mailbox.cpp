// Session: SELECT/EXAMINE, FETCH, STORE, EXPUNGE, CLOSE, NOOP, APPEND, CREATE, LIST, STATUS
// (RFC 3501 §6.3, §6.4), one fresh session and store per test, over a Maildir and in memory.
#include <catch2/catch.hpp>

#include "imap/session.hpp"
#include "session_fixture.hpp"

using roost::imap::test::InMemory;
using roost::imap::test::OnMaildir;
using roost::imap::test::SessionFixture;
using roost::imap::test::StoreKind;
using roost::imap::test::has;

namespace {

// 46 and 47 octets once served with CRLF line ends.
const std::string kFirst = "From: a@example.com\nSubject: first\n\nHello\n";
const std::string kSecond = "Subject: second\nX-Spam: no\n\nBody two\nline\n";

struct Selected : SessionFixture {
    explicit Selected(StoreKind kind) : SessionFixture(kind) {
        deliver("1000000000.M1P1.host", kFirst);
        deliver("1000000001.M2P1.host", kSecond);
        login();
        select_output = exchange("s1 SELECT inbox\r\n");
    }
    std::string select_output;
};

}  // namespace

TEMPLATE_TEST_CASE("select: the required untagged data and READ-WRITE (RFC 3501 §6.3.1)", "[imap][session]", OnMaildir, InMemory) {
    Selected f(TestType::kind);
    const std::string& out = f.select_output;
    CHECK(has(out, "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"));
    CHECK(has(out, "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted.\r\n"));
    CHECK(has(out, "* 2 EXISTS\r\n"));
    CHECK(has(out, "* 2 RECENT\r\n"));
    CHECK(has(out, "* OK [UNSEEN 1] First unseen.\r\n"));
    CHECK(has(out, "* OK [UIDVALIDITY "));
    CHECK(has(out, "* OK [UIDNEXT 3] Predicted next UID\r\n"));
    CHECK(has(out, "s1 OK [READ-WRITE] Select completed.\r\n"));
}

TEMPLATE_TEST_CASE("fetch: UID, RFC822.SIZE with CRLF, FLAGS with \\Recent, INTERNALDATE (RFC 3501 §6.4.5)",
          "[imap][session]", OnMaildir, InMemory) {
    Selected f(TestType::kind);
    std::string out = f.exchange("f1 FETCH 1:* (UID RFC822.SIZE FLAGS)\r\n");
    CHECK(out ==
          "* 1 FETCH (UID 1 RFC822.SIZE 46 FLAGS (\\Recent))\r\n"
          "* 2 FETCH (UID 2 RFC822.SIZE 47 FLAGS (\\Recent))\r\n"
          "f1 OK Fetch completed.\r\n");
    CHECK(has(f.exchange("f2 FETCH 1 INTERNALDATE\r\n"), "* 1 FETCH (INTERNALDATE \""));
    CHECK(f.exchange("f3 FETCH 3 FLAGS\r\n") == "f3 BAD Error in IMAP command FETCH: Invalid messageset\r\n");
    CHECK(f.exchange("f4 FETCH 1 BODY[0]\r\n") == "f4 BAD Error in IMAP command FETCH: Invalid BODY[..] section\r\n");
}

TEMPLATE_TEST_CASE("fetch: BODY.PEEK sections leave \\Seen alone; BODY[] sets it and reports FLAGS (RFC 3501 §6.4.5)",
          "[imap][session]", OnMaildir, InMemory) {
    Selected f(TestType::kind);
    CHECK(f.exchange("f1 UID FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])\r\n") ==
          "* 1 FETCH (UID 1 BODY[HEADER.FIELDS (SUBJECT)] {18}\r\nSubject: first\r\n\r\n)\r\nf1 OK Fetch completed.\r\n");
    CHECK(f.exchange("f2 FETCH 1 FLAGS\r\n") == "* 1 FETCH (FLAGS (\\Recent))\r\nf2 OK Fetch completed.\r\n");
    CHECK(f.exchange("f3 FETCH 1 BODY[]<0.4>\r\n") ==
          "* 1 FETCH (BODY[]<0> {4}\r\nFrom FLAGS (\\Seen \\Recent))\r\nf3 OK Fetch completed.\r\n");
    CHECK(f.exchange("f4 FETCH 1 FLAGS\r\n") == "* 1 FETCH (FLAGS (\\Seen \\Recent))\r\nf4 OK Fetch completed.\r\n");
    CHECK(f.exchange("f5 UID FETCH 2 (RFC822.HEADER BODY.PEEK[TEXT])\r\n") ==
          "* 2 FETCH (UID 2 RFC822.HEADER {31}\r\nSubject: second\r\nX-Spam: no\r\n\r\n BODY[TEXT] {16}\r\nBody two\r\n"
          "line\r\n)\r\nf5 OK Fetch completed.\r\n");
    // The whole message, served with CRLF.
    CHECK(has(f.exchange("f6 UID FETCH 1 BODY.PEEK[]\r\n"),
              "BODY[] {46}\r\nFrom: a@example.com\r\nSubject: first\r\n\r\nHello\r\n)"));
    CHECK(f.exchange("f7 UID FETCH 9:* UID\r\n") == "* 2 FETCH (UID 2)\r\nf7 OK Fetch completed.\r\n");
}

TEMPLATE_TEST_CASE("store and expunge: untagged FETCH FLAGS, .SILENT, EXPUNGE numbering, RECENT after (RFC 3501 §6.4.3, §6.4.6, §7.3.2)",
          "[imap][session]", OnMaildir, InMemory) {
    Selected f(TestType::kind);
    // A new keyword: the FLAGS list grows (RFC 3501 §7.2.6), once.
    CHECK(f.exchange("t1 STORE 1 +FLAGS (\\Deleted $Junk)\r\n") ==
          "* 1 FETCH (FLAGS (\\Deleted \\Recent $Junk))\r\n"
          "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Junk)\r\n"
          "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Junk \\*)] Flags permitted.\r\n"
          "t1 OK Store completed.\r\n");
    CHECK(f.exchange("t1b STORE 1 +FLAGS.SILENT ($junk)\r\n") == "t1b OK Store completed.\r\n");
    CHECK(f.exchange("t2 UID STORE 2 +FLAGS.SILENT (\\Deleted)\r\n") == "t2 OK Store completed.\r\n");
    CHECK(f.exchange("t3 UID STORE 2 -FLAGS (\\Deleted)\r\n") ==
          "* 2 FETCH (UID 2 FLAGS (\\Recent))\r\nt3 OK Store completed.\r\n");
    CHECK(f.exchange("t4 STORE 2 FLAGS (\\Deleted \\Seen)\r\n") ==
          "* 2 FETCH (FLAGS (\\Deleted \\Seen \\Recent))\r\nt4 OK Store completed.\r\n");
    // Flags already as asked: no FETCH response (as Dovecot; §6.4.6 does not require one).
    CHECK(f.exchange("t4b STORE 1:2 +FLAGS (\\Deleted)\r\n") == "t4b OK Store completed.\r\n");
    CHECK(f.exchange("t5 EXPUNGE\r\n") == "* 1 EXPUNGE\r\n* 1 EXPUNGE\r\n* 0 RECENT\r\nt5 OK Expunge completed.\r\n");
    CHECK(f.exchange("t6 FETCH 1:* UID\r\n") == "t6 OK Fetch completed.\r\n");  // nothing left
    CHECK(has(f.exchange("t7 SELECT INBOX\r\n"), "* 0 EXISTS\r\n"));
}

TEMPLATE_TEST_CASE("uid expunge removes only the \\Deleted messages in its UID set (RFC 4315 §2.1)", "[imap][session]", OnMaildir, InMemory) {
    Selected f(TestType::kind);
    CHECK(f.exchange("u1 STORE 1:2 +FLAGS.SILENT (\\Deleted)\r\n") == "u1 OK Store completed.\r\n");
    CHECK(f.exchange("u2 UID EXPUNGE 2:5\r\n") == "* 2 EXPUNGE\r\n* 1 RECENT\r\nu2 OK Expunge completed.\r\n");
    CHECK(f.exchange("u3 UID FETCH 1:* FLAGS\r\n") ==
          "* 1 FETCH (UID 1 FLAGS (\\Deleted \\Recent))\r\nu3 OK Fetch completed.\r\n");
    CHECK(f.exchange("u4 UID EXPUNGE 7\r\n") == "u4 OK Expunge completed.\r\n");
    CHECK(f.exchange("u5 UID EXPUNGE\r\n") == "u5 BAD UID EXPUNGE takes one UID set.\r\n");
    CHECK(f.exchange("u6 UID EXPUNGE 0\r\n") == "u6 BAD Error in IMAP command UID EXPUNGE: Invalid messageset\r\n");
    CHECK(f.exchange("u7 UID EXPUNGE *\r\n") == "* 1 EXPUNGE\r\n* 0 RECENT\r\nu7 OK Expunge completed.\r\n");
}

TEMPLATE_TEST_CASE("select lists the keywords in use in FLAGS and PERMANENTFLAGS (RFC 3501 §7.2.6)", "[imap][session]", OnMaildir, InMemory) {
    Selected f(TestType::kind);
    CHECK(has(f.exchange("k1 STORE 1 +FLAGS.SILENT (Work $Label1)\r\n"),
              "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft Work $Label1)\r\n"));
    std::string out = f.exchange("k2 SELECT INBOX\r\n");
    CHECK(has(out, "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft Work $Label1)\r\n"));
    CHECK(has(out, "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft Work $Label1 \\*)] Flags permitted.\r\n"));
    out = f.exchange("k3 EXAMINE INBOX\r\n");
    CHECK(has(out, "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft Work $Label1)\r\n"));
    CHECK(has(out, "* OK [PERMANENTFLAGS ()] Read-only mailbox.\r\n"));
}

TEMPLATE_TEST_CASE("examine: read-only, no \\Seen from BODY[], STORE ignored as Dovecot does (RFC 3501 §6.3.2)",
          "[imap][session]", OnMaildir, InMemory) {
    Selected f(TestType::kind);
    std::string out = f.exchange("e1 EXAMINE INBOX\r\n");
    CHECK(has(out, "* OK [PERMANENTFLAGS ()] Read-only mailbox.\r\n"));
    CHECK(has(out, "e1 OK [READ-ONLY] Examine completed.\r\n"));
    CHECK_FALSE(has(f.exchange("e2 FETCH 1 BODY[]\r\n"), "\\Seen"));
    CHECK(f.exchange("e3 STORE 1 +FLAGS (\\Seen)\r\n") == "e3 OK Store ignored with read-only mailbox.\r\n");
    CHECK(f.exchange("e4 UID STORE 1 +FLAGS (\\Deleted)\r\n") == "e4 OK Store ignored with read-only mailbox.\r\n");
    CHECK(f.exchange("e5 EXPUNGE\r\n") == "e5 OK Expunge completed.\r\n");
    // Nothing changed, and no \\Recent: the SELECT before claimed it (Dovecot answers alike).
    CHECK(f.exchange("e6 FETCH 1:* FLAGS\r\n") == "* 1 FETCH (FLAGS ())\r\n* 2 FETCH (FLAGS ())\r\ne6 OK Fetch completed.\r\n");
}

TEMPLATE_TEST_CASE("noop reports new mail; pipelined commands run in order (RFC 3501 §6.1.2, §5.5)", "[imap][session]", OnMaildir, InMemory) {
    Selected f(TestType::kind);
    f.deliver("1000000002.M3P1.host", kFirst);
    std::string out = f.exchange("n1 NOOP\r\nn2 FETCH 3 UID\r\nn3 CHECK\r\n");
    CHECK(out == "* 3 EXISTS\r\n* 3 RECENT\r\nn1 OK NOOP completed.\r\n* 3 FETCH (UID 3)\r\nn2 OK Fetch completed.\r\n"
                 "n3 OK Check completed.\r\n");
}

TEMPLATE_TEST_CASE("close expunges silently and deselects (RFC 3501 §6.4.2)", "[imap][session]", OnMaildir, InMemory) {
    Selected f(TestType::kind);
    f.exchange("c1 STORE 1 +FLAGS.SILENT (\\Deleted)\r\n");
    CHECK(f.exchange("c2 CLOSE\r\n") == "c2 OK Close completed.\r\n");
    CHECK(f.exchange("c3 FETCH 1 UID\r\n") == "c3 BAD No mailbox selected.\r\n");
    CHECK(has(f.exchange("c4 SELECT INBOX\r\n"), "* 1 EXISTS\r\n"));
}

TEMPLATE_TEST_CASE("append: literal, flags, TRYCREATE, EXISTS for the selected mailbox (RFC 3501 §6.3.11)",
          "[imap][session]", OnMaildir, InMemory) {
    Selected f(TestType::kind);
    std::string out = f.exchange("p1 APPEND INBOX (\\Flagged) \"03-Dec-2026 18:12:12 +0000\" {14}\r\nSubject: x\r\n\r\n\r\n");
    CHECK(has(out, "+ Ready for literal data\r\n"));
    CHECK(has(out, "* 3 EXISTS\r\n"));
    // RFC 4315 §3: the UIDVALIDITY announced at SELECT and the new message's UID.
    std::string uidvalidity = f.select_output.substr(f.select_output.find("[UIDVALIDITY ") + 13);
    uidvalidity = uidvalidity.substr(0, uidvalidity.find(']'));
    CHECK(has(out, "p1 OK [APPENDUID " + uidvalidity + " 3] Append completed.\r\n"));
    CHECK(has(f.exchange("p2 FETCH 3 (FLAGS INTERNALDATE RFC822.SIZE)\r\n"),
              "INTERNALDATE \"03-Dec-2026 18:12:12 +0000\" RFC822.SIZE 14"));
    CHECK(f.exchange("p3 APPEND Nowhere {1+}\r\nx\r\n") == "p3 NO [TRYCREATE] Mailbox doesn't exist: Nowhere.\r\n");
    CHECK(f.exchange("p4 APPEND INBOX {0+}\r\n\r\n") == "p4 NO Can't save a zero byte message.\r\n");
}

TEMPLATE_TEST_CASE("append: a refused non-synchronising literal closes; its octets never run as commands (RFC 7888 §4)",
          "[imap][session]", OnMaildir, InMemory) {
    SECTION("size that does not parse") {
        SessionFixture f(TestType::kind);
        f.login();
        CHECK(f.exchange("x APPEND INBOX {99999999999+}\r\nc CREATE injected3\r\n") ==
              "x BAD Error in IMAP command: Invalid literal size\r\n"
              "* BYE Non-synchronizing literal refused, disconnecting.\r\n");
        CHECK(f.connection.closed);
        CHECK_FALSE(f.mailbox_exists("injected3"));
    }
    SECTION("size over the limit") {
        SessionFixture f(TestType::kind);
        f.login();
        CHECK(f.exchange("x APPEND INBOX {2000000000+}\r\nc CREATE injected4\r\n") ==
              "x BAD Error in IMAP command: Literal too large\r\n"
              "* BYE Non-synchronizing literal refused, disconnecting.\r\n");
        CHECK(f.connection.closed);
        CHECK_FALSE(f.mailbox_exists("injected4"));
    }
    SECTION("a synchronising literal that is refused only fails its command") {
        SessionFixture f(TestType::kind);
        f.login();
        CHECK(f.exchange("x APPEND INBOX {99999999999}\r\nc CREATE kept\r\n") ==
              "x BAD Error in IMAP command: Invalid literal size\r\nc OK Create completed.\r\n");
        CHECK_FALSE(f.connection.closed);
        // What the two sections above check for shows a mailbox that CREATE made.
        CHECK(f.mailbox_exists("kept"));
    }
}

TEMPLATE_TEST_CASE("create, list, lsub and status with modified UTF-7 names (RFC 3501 §6.3.3, §6.3.8, §6.3.10)",
          "[imap][session]", OnMaildir, InMemory) {
    SessionFixture f(TestType::kind);
    f.login();
    CHECK(f.exchange("c1 CREATE Work.Projects.\r\n") == "c1 OK Create completed.\r\n");
    CHECK(f.exchange("c2 CREATE \"Entw&APw-rfe\"\r\n") == "c2 OK Create completed.\r\n");
    CHECK(f.exchange("c3 CREATE inbox\r\n") == "c3 NO [ALREADYEXISTS] Mailbox already exists.\r\n");
    CHECK(has(f.exchange("c4 CREATE Work.Projects\r\n"), "c4 NO [ALREADYEXISTS]"));
    // LIST wildcards in a name: LIST could not name that mailbox alone (§6.3.8).
    CHECK(f.exchange("c5 CREATE \"Trash.*\"\r\n") == "c5 NO [CANNOT] Invalid mailbox name.\r\n");
    CHECK(f.exchange("c6 CREATE \"Tr%sh\"\r\n") == "c6 NO [CANNOT] Invalid mailbox name.\r\n");
    CHECK(f.exchange("l1 LIST \"\" \"\"\r\n") == "* LIST (\\Noselect) \".\" \"\"\r\nl1 OK List completed.\r\n");
    std::string all = f.exchange("l2 LIST \"\" *\r\n");
    CHECK(all.find("* LIST (\\HasNoChildren) \".\" INBOX\r\n") == 0);
    CHECK(has(all, "\".\" Entw&APw-rfe\r\n"));
    CHECK(has(all, "(\\HasNoChildren) \".\" Work.Projects\r\n"));
    CHECK(has(all, "\\HasChildren) \".\" Work\r\n"));
    std::string top = f.exchange("l3 LIST \"\" %\r\n");
    CHECK_FALSE(has(top, "Work.Projects"));
    CHECK(has(f.exchange("l4 LIST Work. %\r\n"), "\".\" Work.Projects\r\n"));
    CHECK(f.exchange("l5 LSUB \"\" InBoX\r\n") == "l5 OK Lsub completed.\r\n");  // nothing subscribed yet
    CHECK(f.exchange("s1 STATUS Work.Projects (MESSAGES UIDNEXT UNSEEN)\r\n") ==
          "* STATUS Work.Projects (MESSAGES 0 UIDNEXT 1 UNSEEN 0)\r\ns1 OK Status completed.\r\n");
    CHECK(f.exchange("s2 STATUS Nope (MESSAGES)\r\n") == "s2 NO [NONEXISTENT] Mailbox doesn't exist.\r\n");
    CHECK(f.exchange("s3 SELECT Nope\r\n") == "s3 NO [NONEXISTENT] Mailbox doesn't exist.\r\n");
}

TEMPLATE_TEST_CASE("pipelining: input beyond the bound pauses reading while a command runs, then resumes",
          "[imap][session]", OnMaildir, InMemory) {
    Selected f(TestType::kind);
    f.session->on_bytes("n1 NOOP\r\n");  // syncs on the worker pool: the session is busy until the loop runs
    std::string flood;
    size_t commands = 0;
    while (flood.size() <= roost::imap::Session::kMaxBufferedInput) {
        flood += "x" + std::to_string(commands++) + " CAPABILITY\r\n";
    }
    f.session->on_bytes(flood);
    CHECK(f.connection.paused);
    f.loop.run();
    CHECK_FALSE(f.connection.paused);
    std::string out = f.connection.take();
    CHECK(out.find("n1 OK NOOP completed.\r\n") < out.find("x0 OK"));
    CHECK(has(out, "x" + std::to_string(commands - 1) + " OK Capability completed.\r\n"));
}

TEMPLATE_TEST_CASE("fetch and store on an empty mailbox name nothing instead of failing (clients poll with 1:*)",
          "[imap][session]", OnMaildir, InMemory) {
    SessionFixture f(TestType::kind);
    f.login();
    CHECK(has(f.exchange("e1 SELECT INBOX\r\n"), "* 0 EXISTS\r\n"));
    CHECK(f.exchange("e2 FETCH 1:* (FLAGS)\r\n") == "e2 OK Fetch completed.\r\n");
    CHECK(f.exchange("e3 UID FETCH 1:* (FLAGS)\r\n") == "e3 OK Fetch completed.\r\n");
    CHECK(f.exchange("e4 STORE 1:* +FLAGS (\\Seen)\r\n") == "e4 OK Store completed.\r\n");
}
