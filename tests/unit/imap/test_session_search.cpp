// Session: SEARCH and UID SEARCH (RFC 3501 §6.4.4, §6.4.8, §7.2.5), one fresh session and store
// per test, over a Maildir and in memory.
#include <catch2/catch.hpp>

#include <filesystem>

#include "session_fixture.hpp"

using roost::imap::test::InMemory;
using roost::imap::test::OnMaildir;
using roost::imap::test::SessionFixture;
using roost::imap::test::StoreKind;
using roost::imap::test::has;

namespace {

// 2001-09-09 (INTERNALDATE: the third argument of deliver).
const std::string kPlain =
    "From: Alice Example <alice@example.com>\n"
    "To: bob@example.net\n"
    "Subject: Lunch on Friday\n"
    "Date: Fri, 20 Apr 2001 20:18:00 -0400\n"
    "\n"
    "Shall we meet at noon?\n";
const std::string kEncoded =
    "From: =?utf-8?q?J=C3=B6rg_=C3=9Cnal?= <jorg@example.org>\n"
    "To: \"Team\" <team@example.org>\n"
    "Cc: carol@example.com\n"
    "Subject: =?utf-8?b?R3LDvMOfZSBhdXMgTcO8bmNoZW4=?=\n"
    "Date: Wed, 01 Mar 2023 10:00:07 -0000\n"
    "X-Priority: 1\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/alternative; boundary=\"b\"\n"
    "\n"
    "--b\n"
    "Content-Type: text/plain; charset=iso-8859-1\n"
    "Content-Transfer-Encoding: quoted-printable\n"
    "\n"
    "Sch=F6ne Gr=FC=DFe\n"
    "--b\n"
    "Content-Type: image/png\n"
    "Content-Transfer-Encoding: base64\n"
    "\n"
    "iVBORw0KGgoAAAANSUhEUgAA\n"
    "--b--\n";
const std::string kGreek =
    "From: nikos@example.gr\n"
    "Subject: =?iso-8859-7?b?097s5fHh?=\n"
    "Content-Type: text/plain; charset=utf-8\n"
    "Content-Transfer-Encoding: base64\n"
    "\n"
    "zprOsc67zrfOvM6tz4HOsSDPg86xz4I=\n";  // "Καλημέρα σας"

struct Searching : SessionFixture {
    explicit Searching(StoreKind kind) : SessionFixture(kind) {
        deliver("1000000000.M1P1.host", kPlain, 1000000000);     // 2001-09-09
        deliver("1000000001.M2P1.host", kEncoded, 1100000000);   // 2004-11-09
        deliver("1000000002.M3P1.host", kGreek, 1200000000);     // 2008-01-10
        login();
        exchange("s1 SELECT INBOX\r\n");
        exchange("s2 STORE 1 +FLAGS.SILENT (\\Seen \\Answered)\r\n");
        exchange("s3 STORE 2 +FLAGS.SILENT (\\Flagged $Work)\r\n");
    }
    // The untagged SEARCH line's numbers, and the tagged status line.
    std::string search(const std::string& args) {
        std::string out = exchange("x SEARCH " + args + "\r\n");
        INFO(args << " -> " << out);
        CHECK(has(out, "x OK Search completed.\r\n"));
        size_t start = out.find("* SEARCH");
        REQUIRE(start != std::string::npos);
        size_t end = out.find("\r\n", start);
        return out.substr(start + 8, end - start - 8);
    }
};

}  // namespace

TEMPLATE_TEST_CASE("search: flags, keywords, sequence numbers and UIDs (RFC 3501 §6.4.4)", "[imap][session][search]", OnMaildir, InMemory) {
    Searching f(TestType::kind);
    CHECK(f.search("ALL") == " 1 2 3");
    CHECK(f.search("SEEN") == " 1");
    CHECK(f.search("UNSEEN") == " 2 3");
    CHECK(f.search("ANSWERED") == " 1");
    CHECK(f.search("FLAGGED") == " 2");
    CHECK(f.search("UNFLAGGED UNANSWERED") == " 3");
    CHECK(f.search("DELETED").empty());  // no match: a bare "* SEARCH"
    CHECK(f.search("UNDRAFT") == " 1 2 3");
    CHECK(f.search("KEYWORD $Work") == " 2");
    CHECK(f.search("UNKEYWORD $Work") == " 1 3");
    CHECK(f.search("RECENT") == " 1 2 3");
    CHECK(f.search("NEW") == " 2 3");
    CHECK(f.search("OLD").empty());
    CHECK(f.search("2:*") == " 2 3");
    CHECK(f.search("*") == " 3");
    CHECK(f.search("5") == "");  // beyond the mailbox: nothing, not BAD
    CHECK(f.search("UID 2,3") == " 2 3");
    CHECK(f.search("OR SEEN FLAGGED") == " 1 2");
    CHECK(f.search("NOT (OR SEEN FLAGGED)") == " 3");
    CHECK(f.search("(1:2) NOT 1") == " 2");
}

TEMPLATE_TEST_CASE("search: sizes and dates (INTERNALDATE and the Date: field)", "[imap][session][search]", OnMaildir, InMemory) {
    Searching f(TestType::kind);
    // kPlain is 153 octets served with CRLF.
    CHECK(f.search("SMALLER 154") == " 1");
    CHECK(f.search("LARGER 153") == " 2 3");
    CHECK(f.search("LARGER 152 SMALLER 154") == " 1");
    CHECK(f.search("BEFORE 9-Nov-2004") == " 1");
    CHECK(f.search("ON 9-Nov-2004") == " 2");
    CHECK(f.search("SINCE 9-Nov-2004") == " 2 3");
    CHECK(f.search("SINCE 31-Feb-2004").empty());
    // The Date: field's own date: 20-Apr-2001 20:18 -0400 is 21-Apr in UTC.
    CHECK(f.search("SENTON 20-Apr-2001") == " 1");
    CHECK(f.search("SENTSINCE 1-Jan-2023") == " 2");
    CHECK(f.search("SENTBEFORE 2-Jan-1970") == " 3");  // no Date: field
}

TEMPLATE_TEST_CASE("search: header, body and text keys on decoded, case-folded text", "[imap][session][search]", OnMaildir, InMemory) {
    Searching f(TestType::kind);
    CHECK(f.search("FROM alice") == " 1");
    CHECK(f.search("FROM \"\\\"alice example\\\" <alice@\"") == " 1");  // re-written address
    CHECK(f.search("TO bob") == " 1");
    CHECK(f.search("CC carol") == " 2");
    CHECK(f.search("BCC carol").empty());
    CHECK(f.search("SUBJECT \"LUNCH ON\"") == " 1");
    CHECK(f.search("CHARSET UTF-8 SUBJECT {6}\r\nGR\xC3\x9C\xC3\x9F") == " 2");
    CHECK(f.search("CHARSET UTF-8 FROM {4}\r\nj\xC3\xB6r") == " 2");
    CHECK(f.search("CHARSET UTF-8 SUBJECT {10}\r\n\xCE\xA3\xCE\x89\xCE\x9C\xCE\x95\xCE\xA1") == " 3");  // ΣΉΜΕΡ, ISO-8859-7 "Σήμερα"
    CHECK(f.search("CHARSET UTF-8 SUBJECT {10}\r\n\xCE\xA3\xCE\x97\xCE\x9C\xCE\x95\xCE\xA1").empty());  // ΣΗΜΕΡ: no accent
    CHECK(f.search("HEADER X-Priority \"\"") == " 2");
    CHECK(f.search("HEADER X-PRIORITY 1") == " 2");
    CHECK(f.search("BODY noon") == " 1");
    CHECK(f.search("CHARSET UTF-8 BODY {15}\r\nsch\xC3\xB6ne gr\xC3\xBC\xC3\x9F" "e") == " 2");  // QP, latin-1
    CHECK(f.search("CHARSET UTF-8 BODY {8}\r\n\xCE\x9A\xCE\x91\xCE\x9B\xCE\x97") == " 3");  // base64 utf-8
    CHECK(f.search("BODY PNG").empty());       // the image is not text
    CHECK(f.search("BODY subject").empty());   // BODY is not the header
    CHECK(f.search("TEXT \"subject: lunch\"") == " 1");
    CHECK(f.search("TEXT image/png") == " 2");  // part headers are in TEXT
    CHECK(f.search("TEXT noon") == " 1");
    CHECK(f.search("UNSEEN BODY noon").empty());
    CHECK(f.search("CHARSET ISO-8859-1 BODY {5}\r\nsch\xF6n") == " 2");
}

TEMPLATE_TEST_CASE("uid search returns UIDs (RFC 3501 §6.4.8)", "[imap][session][search]", OnMaildir, InMemory) {
    Searching f(TestType::kind);
    f.exchange("e1 STORE 1 +FLAGS.SILENT (\\Deleted)\r\n");
    f.exchange("e2 EXPUNGE\r\n");
    CHECK(f.exchange("u1 UID SEARCH ALL\r\n") == "* SEARCH 2 3\r\nu1 OK Search completed.\r\n");
    CHECK(f.exchange("u2 SEARCH ALL\r\n") == "* SEARCH 1 2\r\nu2 OK Search completed.\r\n");
    CHECK(f.exchange("u3 UID SEARCH UID 3:*\r\n") == "* SEARCH 3\r\nu3 OK Search completed.\r\n");
    CHECK(f.exchange("u4 UID SEARCH UID 9:*\r\n") == "* SEARCH 3\r\nu4 OK Search completed.\r\n");  // n:* has the last
    CHECK(f.exchange("u5 UID SEARCH 1 FLAGGED\r\n") == "* SEARCH 2\r\nu5 OK Search completed.\r\n");
}

TEMPLATE_TEST_CASE("search: BAD syntax, NO [BADCHARSET], and only in the Selected state", "[imap][session][search]", OnMaildir, InMemory) {
    Searching f(TestType::kind);
    CHECK(f.exchange("b1 SEARCH FOO\r\n") == "b1 BAD Error in IMAP command SEARCH: Unknown argument FOO\r\n");
    CHECK(f.exchange("b2 SEARCH\r\n") == "b2 BAD Error in IMAP command SEARCH: Missing search parameters\r\n");
    CHECK(f.exchange("b3 SEARCH SINCE yesterday\r\n") ==
          "b3 BAD Error in IMAP command SEARCH: Invalid search date parameter\r\n");
    CHECK(f.exchange("b4 SEARCH CHARSET X-NO-SUCH FROM x\r\n") == "b4 NO [BADCHARSET] Unknown charset\r\n");
    CHECK(f.exchange("b5 UID SEARCH CHARSET US-ASCII ALL\r\n") == "* SEARCH 1 2 3\r\nb5 OK Search completed.\r\n");
    f.exchange("c1 CLOSE\r\n");
    CHECK(has(f.exchange("b6 SEARCH ALL\r\n"), "b6 BAD"));
}

TEMPLATE_TEST_CASE("search: no EXPUNGE while searching; a vanished message is skipped (RFC 3501 §7.4.1, RFC 2180 §4.1)",
          "[imap][session][search]", OnMaildir, InMemory) {
    Searching f(TestType::kind);
    // Another program removes message 2 behind the session's back: its file on the Maildir,
    // through another session's store in memory.
    if (TestType::kind == StoreKind::Maildir) {
        for (const auto& entry : std::filesystem::directory_iterator(f.maildir() + "/cur"))
            if (entry.path().filename().string().rfind("1000000001.", 0) == 0) std::filesystem::remove(entry.path());
    } else {
        auto inbox = f.open_store()->open("INBOX", false);
        REQUIRE(inbox);
        REQUIRE((*inbox)->expunge({2}));
    }
    std::string flags_only = f.exchange("v1 SEARCH FLAGGED\r\n");
    CHECK(flags_only == "* SEARCH 2\r\nv1 OK Search completed.\r\n");  // the view is unchanged, no EXPUNGE
    std::string with_body = f.exchange("v2 SEARCH BODY x\r\n");
    CHECK_FALSE(has(with_body, "* 2 EXPUNGE"));
    CHECK(has(with_body, "v2 NO [EXPUNGEISSUED]"));
    CHECK(has(f.exchange("v3 NOOP\r\n"), "* 2 EXPUNGE\r\n"));
    CHECK(f.exchange("v4 SEARCH ALL\r\n") == "* SEARCH 1 2\r\nv4 OK Search completed.\r\n");
}
