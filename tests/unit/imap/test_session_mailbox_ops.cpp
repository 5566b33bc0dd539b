// Session: DELETE, RENAME, SUBSCRIBE/UNSUBSCRIBE/LSUB, COPY/UID COPY, LIST references and
// STATUS of the selected mailbox (RFC 3501 §6.3.4-§6.3.10, §6.4.7; RFC 4315 COPYUID), one fresh
// session per test, over a Maildir and in memory. Expected answers are Dovecot 2.3.19's except where
// tests/conformance/DIFFERENCES.md says why.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "imap/session.hpp"
#include "session_fixture.hpp"

using roost::imap::test::InMemory;
using roost::imap::test::OnMaildir;
using roost::imap::test::SessionFixture;
using roost::imap::test::StoreKind;
using roost::imap::test::has;

namespace {

struct LoggedIn : SessionFixture {
    explicit LoggedIn(StoreKind kind) : SessionFixture(kind) { login(); }
    std::string append(const std::string& mailbox, const std::string& flags = "()") {
        return exchange("ap APPEND " + mailbox + " " + flags + " \"01-Jan-2020 12:34:56 +0000\" {12+}\r\nSubject: x\r\n\r\n");
    }
};

}  // namespace

TEMPLATE_TEST_CASE("delete: INBOX and missing names are NO; a parent with children becomes \\Noselect (RFC 3501 §6.3.4)",
          "[imap][session]", OnMaildir, InMemory) {
    LoggedIn f(TestType::kind);
    CHECK(f.exchange("d1 DELETE inbox\r\n") == "d1 NO INBOX can't be deleted.\r\n");
    CHECK(f.exchange("d2 DELETE nosuch\r\n") == "d2 NO [NONEXISTENT] Mailbox doesn't exist: nosuch.\r\n");
    f.exchange("c1 CREATE a\r\nc2 CREATE a.b\r\n");
    f.append("a");
    CHECK(f.exchange("d3 DELETE a\r\n") == "d3 OK Delete completed.\r\n");
    CHECK(f.exchange("l1 LIST \"\" a*\r\n") ==
          "* LIST (\\Noselect \\HasChildren) \".\" a\r\n* LIST (\\HasNoChildren) \".\" a.b\r\nl1 OK List completed.\r\n");
    // §6.3.4: deleting a \Noselect name with inferiors is an error.
    CHECK(f.exchange("d4 DELETE a\r\n") == "d4 NO [NONEXISTENT] Mailbox doesn't exist: a.\r\n");
    CHECK(f.exchange("d5 DELETE a.b\r\n") == "d5 OK Delete completed.\r\n");
    CHECK(f.exchange("l2 LIST \"\" *\r\n") == "* LIST (\\HasNoChildren) \".\" INBOX\r\nl2 OK List completed.\r\n");
    CHECK_FALSE(f.mailbox_exists("a"));
    if (TestType::kind == StoreKind::Maildir) CHECK_FALSE(std::filesystem::exists(f.maildir() + "/.a"));
    CHECK(f.exchange("d6 DELETE \"a..b\"\r\n") ==
          "d6 NO [CANNOT] Invalid mailbox name: Has adjacent hierarchy separators.\r\n");
    CHECK(f.exchange("d7 DELETE \"bad&AOk\"\r\n") == "d7 NO Mailbox name is not valid mUTF-7.\r\n");
}

TEMPLATE_TEST_CASE("delete: a new mailbox of the same name gets a greater UIDVALIDITY (RFC 3501 §2.3.1.1)", "[imap][session]", OnMaildir, InMemory) {
    LoggedIn f(TestType::kind);
    auto uidvalidity = [&f] {
        std::string out = f.exchange("s STATUS t (UIDVALIDITY)\r\n");
        return std::stoul(out.substr(out.find("UIDVALIDITY ") + 12));
    };
    f.exchange("c CREATE t\r\n");
    unsigned long before = uidvalidity();
    CHECK(f.exchange("d DELETE t\r\n") == "d OK Delete completed.\r\n");
    f.exchange("c CREATE t\r\n");
    CHECK(uidvalidity() > before);
}

TEMPLATE_TEST_CASE("delete of the selected mailbox: OK, then BYE at the next command, as Dovecot does", "[imap][session]", OnMaildir, InMemory) {
    LoggedIn f(TestType::kind);
    f.exchange("c CREATE s\r\n");
    CHECK(has(f.exchange("s SELECT s\r\n"), "s OK [READ-WRITE]"));
    CHECK(f.exchange("d DELETE s\r\n") == "d OK Delete completed.\r\n");
    CHECK(f.exchange("n NOOP\r\n") == "* BYE Selected mailbox was deleted, have to disconnect.\r\n");
}

TEMPLATE_TEST_CASE("rename: children move along, UIDVALIDITY and messages stay, parents are implied (RFC 3501 §6.3.5)",
          "[imap][session]", OnMaildir, InMemory) {
    LoggedIn f(TestType::kind);
    f.exchange("c1 CREATE a\r\nc2 CREATE a.b\r\nc3 CREATE a.b.c\r\n");
    f.append("a.b");
    std::string before = f.exchange("s1 STATUS a.b (MESSAGES UIDVALIDITY)\r\n");
    CHECK(f.exchange("r1 RENAME a x\r\n") == "r1 OK Rename completed.\r\n");
    CHECK(f.exchange("l1 LIST \"\" *\r\n") ==
          "* LIST (\\HasNoChildren) \".\" INBOX\r\n* LIST (\\HasChildren) \".\" x\r\n"
          "* LIST (\\HasChildren) \".\" x.b\r\n* LIST (\\HasNoChildren) \".\" x.b.c\r\nl1 OK List completed.\r\n");
    std::string after = f.exchange("s2 STATUS x.b (MESSAGES UIDVALIDITY)\r\n");
    auto items = [](const std::string& out) { return out.substr(out.find('('), out.find(')') - out.find('(')); };
    CHECK(items(after) == items(before));
    CHECK(f.exchange("r2 RENAME x.b x.b\r\n") == "r2 NO [ALREADYEXISTS] Can't rename mailbox to itself.\r\n");
    CHECK(f.exchange("r3 RENAME x INBOX\r\n") == "r3 NO [ALREADYEXISTS] Target mailbox already exists.\r\n");
    CHECK(f.exchange("r4 RENAME x x.sub\r\n") == "r4 NO Can't rename mailbox under its own child.\r\n");
    CHECK(f.exchange("r5 RENAME nosuch y\r\n") == "r5 NO [NONEXISTENT] Mailbox doesn't exist: nosuch.\r\n");
    f.exchange("c4 CREATE y\r\n");
    CHECK(f.exchange("r6 RENAME x y\r\n") == "r6 NO [ALREADYEXISTS] Target mailbox already exists.\r\n");
    CHECK(f.exchange("r7 RENAME y n1.n2.n3\r\n") == "r7 OK Rename completed.\r\n");
    CHECK(has(f.exchange("l2 LIST \"\" n1*\r\n"), "* LIST (\\Noselect \\HasChildren) \".\" n1.n2\r\n"));
    // A name that exists only as a parent can be renamed: its children move.
    CHECK(f.exchange("r8 RENAME n1 m1\r\n") == "r8 OK Rename completed.\r\n");
    CHECK(has(f.exchange("l3 LIST \"\" m1.*\r\n"), "* LIST (\\HasNoChildren) \".\" m1.n2.n3\r\n"));
}

TEMPLATE_TEST_CASE("rename INBOX moves its messages with their flags and leaves INBOX empty (RFC 3501 §6.3.5)",
          "[imap][session]", OnMaildir, InMemory) {
    LoggedIn f(TestType::kind);
    f.append("INBOX", "(\\Seen \\Flagged $Work)");
    f.append("INBOX", "(\\Answered)");
    f.exchange("c CREATE INBOX.kid\r\n");
    CHECK(f.exchange("r1 RENAME INBOX Old\r\n") == "r1 OK Rename completed.\r\n");
    CHECK(f.exchange("s1 STATUS INBOX (MESSAGES UIDNEXT)\r\n") ==
          "* STATUS INBOX (MESSAGES 0 UIDNEXT 3)\r\ns1 OK Status completed.\r\n");
    CHECK(has(f.exchange("l LIST \"\" *\r\n"), "* LIST (\\HasNoChildren) \".\" INBOX.kid\r\n"));  // children stay
    CHECK(has(f.exchange("s2 SELECT Old\r\n"), "* 2 EXISTS\r\n* 2 RECENT\r\n"));
    CHECK(f.exchange("f FETCH 1:* (UID FLAGS INTERNALDATE)\r\n") ==
          "* 1 FETCH (UID 1 FLAGS (\\Flagged \\Seen \\Recent $Work) INTERNALDATE \"01-Jan-2020 12:34:56 +0000\")\r\n"
          "* 2 FETCH (UID 2 FLAGS (\\Answered \\Recent) INTERNALDATE \"01-Jan-2020 12:34:56 +0000\")\r\n"
          "f OK Fetch completed.\r\n");
    CHECK(f.exchange("r2 RENAME INBOX Old\r\n") == "r2 NO [ALREADYEXISTS] Target mailbox already exists.\r\n");
}

TEMPLATE_TEST_CASE("rename of the selected mailbox: OK, then BYE at the next command, as Dovecot does", "[imap][session]", OnMaildir, InMemory) {
    LoggedIn f(TestType::kind);
    f.exchange("c CREATE f\r\n");
    f.exchange("s SELECT f\r\n");
    CHECK(f.exchange("r RENAME f g\r\n") == "r OK Rename completed.\r\n");
    CHECK(f.exchange("n NOOP\r\n") == "* BYE IMAP session state is inconsistent, please relogin.\r\n");
}

TEMPLATE_TEST_CASE("subscribe: persists in Dovecot's file, may name missing mailboxes; LSUB % shows \\Noselect parents "
          "(RFC 3501 §6.3.6-§6.3.9)",
          "[imap][session]", OnMaildir, InMemory) {
    LoggedIn f(TestType::kind);
    CHECK(f.exchange("u1 SUBSCRIBE inbox\r\n") == "u1 OK Subscribe completed.\r\n");
    CHECK(f.exchange("u2 SUBSCRIBE p.q.r\r\n") == "u2 OK Subscribe completed.\r\n");  // need not exist
    CHECK(f.exchange("u3 SUBSCRIBE \"&AOk-t&AOk-\"\r\n") == "u3 OK Subscribe completed.\r\n");
    CHECK(f.exchange("u4 SUBSCRIBE \"a..b\"\r\n") ==
          "u4 NO [CANNOT] Invalid mailbox name: Has adjacent hierarchy separators.\r\n");
    CHECK(f.exchange("u5 SUBSCRIBE \"bad&AOk\"\r\n") == "u5 NO Mailbox name is not valid mUTF-7.\r\n");
    CHECK(f.exchange("l1 LSUB \"\" *\r\n") ==
          "* LSUB () \".\" INBOX\r\n* LSUB () \".\" p.q.r\r\n* LSUB () \".\" &AOk-t&AOk-\r\nl1 OK Lsub completed.\r\n");
    CHECK(f.exchange("l2 LSUB \"\" %\r\n") ==
          "* LSUB () \".\" INBOX\r\n* LSUB (\\Noselect) \".\" p\r\n* LSUB () \".\" &AOk-t&AOk-\r\nl2 OK Lsub completed.\r\n");
    CHECK(f.exchange("l3 LSUB p. %\r\n") == "* LSUB (\\Noselect) \".\" p.q\r\nl3 OK Lsub completed.\r\n");
    CHECK(f.exchange("l4 LSUB \"\" \"\"\r\n") == "l4 OK Lsub completed.\r\n");
    if (TestType::kind == StoreKind::Maildir) {
        std::ifstream file(f.maildir() + "/subscriptions");
        std::stringstream content;
        content << file.rdbuf();
        CHECK(content.str() == "V\t2\n\nINBOX\np\tq\tr\n&AOk-t&AOk-\n");
    }
    CHECK(f.exchange("u6 UNSUBSCRIBE p.q.r\r\n") == "u6 OK Unsubscribe completed.\r\n");
    CHECK(f.exchange("u7 UNSUBSCRIBE p.q.r\r\n") == "u7 OK Unsubscribe completed.\r\n");
    CHECK(f.exchange("l5 LSUB \"\" p*\r\n") == "l5 OK Lsub completed.\r\n");
}

TEMPLATE_TEST_CASE("subscriptions survive into a new session and are kept across DELETE (RFC 3501 §6.3.6)", "[imap][session]", OnMaildir, InMemory) {
    SessionFixture first(TestType::kind);
    first.login();
    first.exchange("c CREATE sub\r\ns SUBSCRIBE sub\r\nd DELETE sub\r\n");
    CHECK(first.exchange("l LSUB \"\" *\r\n") == "* LSUB () \".\" sub\r\nl OK Lsub completed.\r\n");
}

TEMPLATE_TEST_CASE("copy: COPYUID, flags, keywords and INTERNALDATE kept, \\Recent in the target (RFC 3501 §6.4.7, RFC 4315)",
          "[imap][session]", OnMaildir, InMemory) {
    LoggedIn f(TestType::kind);
    f.append("INBOX", "(\\Seen $Work)");
    f.append("INBOX", "(\\Flagged \\Draft)");
    f.append("INBOX");
    f.exchange("c CREATE dest\r\n");
    std::string selected = f.exchange("s SELECT INBOX\r\n");
    CHECK(f.exchange("k1 COPY 1:2 nosuch\r\n") == "k1 NO [TRYCREATE] Mailbox doesn't exist: nosuch.\r\n");
    std::string status = f.exchange("st STATUS dest (UIDVALIDITY)\r\n");
    std::string uidvalidity = status.substr(status.find("UIDVALIDITY ") + 12);
    uidvalidity = uidvalidity.substr(0, uidvalidity.find(')'));
    CHECK(f.exchange("k2 COPY 1:3 dest\r\n") == "k2 OK [COPYUID " + uidvalidity + " 1:3 1:3] Copy completed.\r\n");
    CHECK(f.exchange("k3 UID COPY 3,1 dest\r\n") == "k3 OK [COPYUID " + uidvalidity + " 1,3 4:5] Copy completed.\r\n");
    CHECK(f.exchange("k4 COPY 4 dest\r\n") == "k4 BAD Error in IMAP command COPY: Invalid messageset.\r\n");
    CHECK(f.exchange("k5 UID COPY 99 dest\r\n") == "k5 OK No messages found.\r\n");
    CHECK(f.exchange("k6 COPY 1 \"a..b\"\r\n") ==
          "k6 NO [CANNOT] Invalid mailbox name: Has adjacent hierarchy separators.\r\n");
    // Into the selected mailbox: reported before the tagged OK.
    std::string inbox_uidvalidity = selected.substr(selected.find("[UIDVALIDITY ") + 13);
    inbox_uidvalidity = inbox_uidvalidity.substr(0, inbox_uidvalidity.find(']'));
    CHECK(f.exchange("k7 COPY 2 INBOX\r\n") ==
          "* 4 EXISTS\r\n* 4 RECENT\r\nk7 OK [COPYUID " + inbox_uidvalidity + " 2 4] Copy completed.\r\n");
    CHECK(f.exchange("k8 STATUS dest (MESSAGES RECENT UIDNEXT UNSEEN)\r\n") ==
          "* STATUS dest (MESSAGES 5 RECENT 5 UIDNEXT 6 UNSEEN 3)\r\nk8 OK Status completed.\r\n");
    f.exchange("s2 SELECT dest\r\n");
    CHECK(f.exchange("f FETCH 1:2 (UID FLAGS INTERNALDATE)\r\n") ==
          "* 1 FETCH (UID 1 FLAGS (\\Seen \\Recent $Work) INTERNALDATE \"01-Jan-2020 12:34:56 +0000\")\r\n"
          "* 2 FETCH (UID 2 FLAGS (\\Flagged \\Draft \\Recent) INTERNALDATE \"01-Jan-2020 12:34:56 +0000\")\r\n"
          "f OK Fetch completed.\r\n");
    // From an EXAMINEd mailbox too: only the target changes.
    f.exchange("e EXAMINE INBOX\r\n");
    CHECK(has(f.exchange("k9 COPY 1 dest\r\n"), "k9 OK [COPYUID " + uidvalidity + " 1 6] Copy completed.\r\n"));
}

TEMPLATE_TEST_CASE("status of the selected mailbox counts this session's \\Recent messages, as Dovecot does", "[imap][session]", OnMaildir, InMemory) {
    LoggedIn f(TestType::kind);
    f.append("INBOX");
    f.append("INBOX");
    f.exchange("s SELECT INBOX\r\n");
    CHECK(f.exchange("t1 STATUS INBOX (UNSEEN RECENT MESSAGES)\r\n") ==
          "* STATUS INBOX (MESSAGES 2 RECENT 2 UNSEEN 2)\r\nt1 OK [CLIENTBUG] Status on selected mailbox completed.\r\n");
    f.exchange("e EXAMINE INBOX\r\n");
    CHECK(f.exchange("t2 STATUS INBOX (RECENT)\r\n") ==
          "* STATUS INBOX (RECENT 0)\r\nt2 OK [CLIENTBUG] Status on selected mailbox completed.\r\n");
}

TEMPLATE_TEST_CASE("list: reference roots, references with and without the separator, bad mUTF-7 patterns (RFC 3501 §6.3.8)",
          "[imap][session]", OnMaildir, InMemory) {
    LoggedIn f(TestType::kind);
    f.exchange("c CREATE a.b.c\r\n");
    CHECK(f.exchange("l1 LIST foo \"\"\r\n") == "* LIST (\\Noselect) \".\" \"\"\r\nl1 OK List completed.\r\n");
    CHECK(f.exchange("l2 LIST foo.bar \"\"\r\n") == "* LIST (\\Noselect) \".\" foo.\r\nl2 OK List completed.\r\n");
    CHECK(f.exchange("l3 LIST a. %\r\n") == "* LIST (\\Noselect \\HasChildren) \".\" a.b\r\nl3 OK List completed.\r\n");
    CHECK(f.exchange("l4 LIST a %\r\n") == "* LIST (\\Noselect \\HasChildren) \".\" a\r\nl4 OK List completed.\r\n");
    CHECK(f.exchange("l5 LIST a.b .c\r\n") == "* LIST (\\HasNoChildren) \".\" a.b.c\r\nl5 OK List completed.\r\n");
    CHECK(f.exchange("l6 LIST \"\" %.b\r\n") == "* LIST (\\Noselect \\HasChildren) \".\" a.b\r\nl6 OK List completed.\r\n");
    CHECK(f.exchange("l7 LIST \"\" \"&AOk\"\r\n") == "l7 OK List completed.\r\n");
    CHECK(f.exchange("l8 LIST \"\" ~\r\n") == "l8 OK List completed.\r\n");
}

TEMPLATE_TEST_CASE("names that would leave the Maildir are refused with Dovecot's reasons", "[imap][session]", OnMaildir, InMemory) {
    LoggedIn f(TestType::kind);
    CHECK(f.exchange("c1 CREATE .hidden\r\n") == "c1 NO [CANNOT] Invalid mailbox name: Begins with hierarchy separator.\r\n");
    CHECK(f.exchange("c2 CREATE \"../x\"\r\n") == "c2 NO [CANNOT] Invalid mailbox name: Begins with hierarchy separator.\r\n");
    CHECK(f.exchange("c3 CREATE \"a/b\"\r\n") ==
          "c3 NO [CANNOT] Invalid mailbox name: Name must not have '/' characters.\r\n");
    CHECK(f.exchange("c4 CREATE \"a..\"\r\n") == "c4 NO [CANNOT] Invalid mailbox name: Ends with hierarchy separator.\r\n");
    CHECK(f.exchange("c5 CREATE ~user\r\n") == "c5 NO [CANNOT] Invalid mailbox name: Begins with '~'.\r\n");
    CHECK(f.exchange("c6 CREATE \"\"\r\n") == "c6 NO [CANNOT] Invalid mailbox name: Name is empty.\r\n");
    CHECK(f.exchange("c7 CREATE \"tab&AAk-x\"\r\n") ==
          "c7 NO [CANNOT] Invalid mailbox name: Name must not have control characters.\r\n");
    CHECK(f.exchange("c8 CREATE " + std::string(255, 'b') + "\r\n") == "c8 NO [CANNOT] Mailbox name too long.\r\n");
    CHECK(f.exchange("c9 CREATE " + std::string(254, 'b') + "\r\n") == "c9 OK Create completed.\r\n");
    CHECK(f.exchange("c10 SELECT \"&\"\r\n") == "c10 NO Mailbox name is not valid mUTF-7.\r\n");
    CHECK(f.exchange("p1 APPEND \"a..b\" {1+}\r\nx\r\n") ==
          "p1 NO [CANNOT] Invalid mailbox name: Has adjacent hierarchy separators.\r\n");
}
