// SEARCH arguments (src/imap/proto/args_search.cpp, RFC 3501 §6.4.4 and the §9 grammar), fed
// through the receiver. Error texts are Dovecot 2.3's.
#include <catch2/catch.hpp>

#include "imap/proto/args.hpp"
#include "imap/proto/receiver.hpp"
#include "mail/casefold.hpp"

using namespace roost::imap::proto;
using Kind = SearchKey::Kind;

namespace {

std::vector<Token> search_args(const std::string& line) {
    Receiver receiver;
    receiver.feed("a SEARCH " + line + "\r\n");
    for (;;) {
        Event event = receiver.next();
        if (auto* r = std::get_if<Request>(&event)) return std::move(r->args);
        REQUIRE(std::holds_alternative<NeedLiteral>(event));
    }
}

SearchKey parse_ok(const std::string& line) {
    auto parsed = parse_search(search_args(line));
    if (!parsed) FAIL_CHECK(line << ": " << parsed.error().message);
    REQUIRE(parsed);
    return parsed->program;
}

std::string error_of(const std::string& line) {
    auto parsed = parse_search(search_args(line));
    REQUIRE_FALSE(parsed);
    return parsed.error().message;
}

}  // namespace

TEST_CASE("search args: flag keys and their UN- forms, NEW and OLD (RFC 3501 §6.4.4)", "[imap][args][search]") {
    using Flag = SearchKey::SystemFlag;
    struct Case {
        const char* word;
        Flag flag;
    } cases[] = {{"ANSWERED", Flag::Answered}, {"DELETED", Flag::Deleted}, {"DRAFT", Flag::Draft},
                 {"FLAGGED", Flag::Flagged},   {"SEEN", Flag::Seen}};
    for (const Case& c : cases) {
        SearchKey set = parse_ok(c.word);
        CHECK(set.kind == Kind::Flag);
        CHECK(set.flag == c.flag);
        SearchKey unset = parse_ok(std::string("un") + c.word);  // any case
        REQUIRE(unset.kind == Kind::Not);
        CHECK(unset.children[0].flag == c.flag);
    }
    CHECK(parse_ok("ALL").kind == Kind::All);
    CHECK(parse_ok("recent").kind == Kind::Recent);
    SearchKey fresh = parse_ok("NEW");  // RECENT UNSEEN
    REQUIRE(fresh.kind == Kind::And);
    CHECK(fresh.children[0].kind == Kind::Recent);
    CHECK(fresh.children[1].kind == Kind::Not);
    SearchKey old = parse_ok("OLD");  // NOT RECENT
    REQUIRE(old.kind == Kind::Not);
    CHECK(old.children[0].kind == Kind::Recent);
}

TEST_CASE("search args: sequence sets, UID, KEYWORD, sizes", "[imap][args][search]") {
    SearchKey set = parse_ok("2,4:*");
    CHECK(set.kind == Kind::SequenceSet);
    CHECK(set.set.contains(5, 9));
    CHECK_FALSE(set.set.contains(3, 9));
    SearchKey uids = parse_ok("UID 100:200");
    CHECK(uids.kind == Kind::UidSet);
    CHECK(uids.set.contains(150, 300));
    SearchKey keyword = parse_ok("KEYWORD $Forwarded");
    CHECK(keyword.kind == Kind::Keyword);
    CHECK(keyword.text == "$Forwarded");
    CHECK(parse_ok("UNKEYWORD Junk").kind == Kind::Not);
    SearchKey larger = parse_ok("LARGER 4294967296");  // beyond 32 bits: Dovecot accepts it
    CHECK(larger.kind == Kind::Larger);
    CHECK(larger.number == 4294967296ULL);
    CHECK(parse_ok("SMALLER 0").number == 0);
}

TEST_CASE("search args: dates as atoms or quoted, a day the month lacks is after every day", "[imap][args][search]") {
    SearchKey since = parse_ok("SINCE 1-Feb-2003");
    CHECK(since.kind == Kind::Since);
    CHECK(since.day == 12084);
    CHECK(parse_ok("BEFORE \"01-feb-2003\"").day == 12084);
    CHECK(parse_ok("ON 1-Feb-2003").kind == Kind::On);
    CHECK(parse_ok("SENTBEFORE 1-Feb-2003").kind == Kind::SentBefore);
    CHECK(parse_ok("SENTON 1-Feb-2003").kind == Kind::SentOn);
    CHECK(parse_ok("SENTSINCE 1-Feb-2003").kind == Kind::SentSince);
    CHECK(parse_ok("SINCE 31-Feb-2003").day == SearchKey::kBeyondEveryDay);
    CHECK(parse_ok("SINCE 0-Jan-2003").day == SearchKey::kBeyondEveryDay);
}

TEST_CASE("search args: header, BODY and TEXT strings are case-folded UTF-8", "[imap][args][search]") {
    SearchKey from = parse_ok("FROM Person");
    CHECK(from.kind == Kind::Header);
    CHECK(from.field == "FROM");
    CHECK(from.address);
    CHECK(from.text == "PERSON");
    SearchKey subject = parse_ok("SUBJECT \"re: re:\"");
    CHECK_FALSE(subject.address);
    CHECK(subject.text == "RE: RE:");
    SearchKey header = parse_ok("HEADER X-Mailer \"\"");
    CHECK(header.field == "X-Mailer");
    CHECK(header.text.empty());
    CHECK(parse_ok("BODY {5}\r\nJ\xC3\xB6rg").text == roost::mail::casefold("J\xC3\xB6rg"));
    CHECK(parse_ok("CHARSET UTF-8 TEXT {5}\r\nJ\xC3\xB6rg").kind == Kind::Text);
    // 8-bit text comes as a literal (a quoted string may not hold it, RFC 3501 §9: the
    // receiver refuses it, test_receiver.cpp); another charset is converted.
    CHECK(parse_ok("CHARSET ISO-8859-1 CC {4}\r\nJ\xF6rg").text == roost::mail::casefold("J\xC3\xB6rg"));
    for (const char* key : {"CC", "BCC", "TO"}) CHECK(parse_ok(std::string(key) + " x").address);
}

TEST_CASE("search args: implicit AND, OR, NOT, parenthesised lists", "[imap][args][search]") {
    SearchKey all = parse_ok("SEEN FLAGGED 1:3");
    REQUIRE(all.kind == Kind::And);
    CHECK(all.children.size() == 3);
    SearchKey either = parse_ok("OR SEEN (FLAGGED DRAFT)");
    REQUIRE(either.kind == Kind::Or);
    REQUIRE(either.children.size() == 2);
    CHECK(either.children[1].kind == Kind::And);
    CHECK(either.children[1].children.size() == 2);
    SearchKey nested = parse_ok("NOT ((1:5) NOT 3)");
    REQUIRE(nested.kind == Kind::Not);
    CHECK(nested.children[0].kind == Kind::And);
    CHECK(parse_ok("(SEEN)").kind == Kind::Flag);  // a one-key list is the key
    SearchKey ors = parse_ok("OR OR SEEN DRAFT DELETED");
    CHECK(ors.children[0].kind == Kind::Or);
}

TEST_CASE("search args: content is needed only for header, body, text and sent-date keys", "[imap][args][search]") {
    CHECK_FALSE(parse_ok("OR SEEN (LARGER 5 UID 1:*) NOT SINCE 1-Jan-2000").needs_content());
    CHECK(parse_ok("SEEN NOT (OR DRAFT SUBJECT x)").needs_content());
    CHECK(parse_ok("SENTON 1-Jan-2000").needs_content());
    CHECK(parse_ok("BODY x").needs_content());
    CHECK(parse_ok("TEXT x").needs_content());
}

TEST_CASE("search args: CHARSET UTF-8 and US-ASCII; unknown ones are NO [BADCHARSET]", "[imap][args][search]") {
    CHECK(parse_search(search_args("CHARSET UTF-8 ALL"))->charset == "UTF-8");
    CHECK(parse_search(search_args("CHARSET us-ascii ALL"))->charset == "us-ascii");
    CHECK(parse_search(search_args("ALL"))->charset == "US-ASCII");
    auto unknown = parse_search(search_args("CHARSET X-NO-SUCH FROM x"));
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().unknown_charset);
    CHECK(error_of("CHARSET") == "Invalid charset argument");
    CHECK_FALSE(parse_search(search_args("CHARSET")).error().unknown_charset);
}

TEST_CASE("search args: syntax errors answered BAD with Dovecot's texts", "[imap][args][search]") {
    CHECK(error_of("") == "Missing search parameters");
    CHECK(error_of("CHARSET UTF-8") == "Missing search parameters");
    CHECK(error_of("FOO") == "Unknown argument FOO");
    CHECK(error_of("\"ALL\"") == "Unexpected string as search key: ALL");
    CHECK(error_of("FROM") == "Missing parameter for search key (for search key: FROM)");
    CHECK(error_of("HEADER foo") == "Missing parameter for search key (for search key: HEADER)");
    CHECK(error_of("KEYWORD") == "Missing parameter for search key (for search key: KEYWORD)");
    CHECK(error_of("OR 1") == "Missing argument");
    CHECK(error_of("NOT") == "Missing argument");
    CHECK(error_of("()") == "No search parameters inside list");
    CHECK(error_of("SEEN (FLAGGED ())") == "No search parameters inside list");
    CHECK(error_of("0") == "Invalid messageset");
    CHECK(error_of("1:0") == "Invalid messageset");
    CHECK(error_of("UID x") == "Invalid messageset");
    CHECK(error_of("SINCE 1-Foo-2000") == "Invalid search date parameter");
    CHECK(error_of("SINCE 1-jan-03") == "Invalid search date parameter");
    CHECK(error_of("SINCE 1-Jan-99999") == "Invalid search date parameter");
    CHECK(error_of("SINCE 123-Jan-2000") == "Invalid search date parameter");
    CHECK(error_of("LARGER x") == "Invalid search size parameter");
    CHECK(error_of("LARGER -1") == "Invalid search size parameter");
    CHECK(error_of("LARGER 99999999999999999999") == "Invalid search size parameter");
    CHECK(error_of("FROM J\xC3\xB6rg") == "8bit data in atom");
    std::string deep;
    for (int i = 0; i < 101; ++i) deep += "NOT ";
    CHECK(parse_ok(deep + "ALL").kind == Kind::Not);  // Dovecot takes this
    for (int i = 0; i < 1000; ++i) deep += "NOT ";
    CHECK(error_of(deep + "ALL") == "Too deep nesting of search keys");
}
