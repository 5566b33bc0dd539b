// Typed argument parsers (src/imap/proto/args.hpp), fed through the receiver so that the
// tokens are exactly what a client's bytes produce.
#include <catch2/catch.hpp>

#include "imap/proto/args.hpp"
#include "imap/proto/receiver.hpp"

using namespace roost::imap::proto;

namespace {

Request request(const std::string& line) {
    Receiver receiver;
    receiver.feed(line + "\r\n");
    for (;;) {
        Event event = receiver.next();
        if (auto* r = std::get_if<Request>(&event)) return std::move(*r);
        REQUIRE(std::holds_alternative<NeedLiteral>(event));
    }
}

}  // namespace

TEST_CASE("args: mailbox names: INBOX any case, modified UTF-7 decoded (RFC 3501 §5.1, §5.1.3)", "[imap][args]") {
    CHECK(*parse_mailbox(request("a SELECT inbox").args[0]) == "INBOX");
    CHECK(*parse_mailbox(request("a SELECT \"InBoX\"").args[0]) == "INBOX");
    CHECK(*parse_mailbox(request("a SELECT Sent").args[0]) == "Sent");
    CHECK(*parse_mailbox(request("a SELECT \"Entw&APw-rfe\"").args[0]) == "Entw\xc3\xbc" "rfe");
    CHECK(*parse_mailbox(request("a SELECT {5}\r\nA B.C").args[0]) == "A B.C");
    CHECK_FALSE(parse_mailbox(request("a SELECT &Jjo").args[0]));       // unterminated shift
    CHECK_FALSE(parse_mailbox(request("a SELECT (INBOX)").args[0]));    // a list is no astring
    CHECK_FALSE(parse_mailbox(request("a SELECT foo*").args[0]));       // wildcards only in LIST
}

TEST_CASE("args: FETCH attributes, macros and sections (RFC 3501 §6.4.5)", "[imap][args]") {
    using Kind = FetchItem::Kind;
    auto fast = parse_fetch(request("a FETCH 1:* FAST").args);
    REQUIRE(fast);
    REQUIRE(fast->items.size() == 3);
    CHECK(fast->items[0].kind == Kind::Flags);
    CHECK(fast->items[1].kind == Kind::InternalDate);
    CHECK(fast->items[2].kind == Kind::Rfc822Size);

    auto single = parse_fetch(request("a FETCH 2 rfc822.header").args);
    REQUIRE(single);
    CHECK(single->items.at(0).kind == Kind::Rfc822Header);

    auto full = parse_fetch(
        request("a FETCH 1 (UID FLAGS BODY.PEEK[HEADER.FIELDS (Subject \"From\")] BODY[]<10.20> body[text] "
                "BODY.PEEK[HEADER.FIELDS.NOT (X-Spam)] RFC822 RFC822.TEXT BODY[HEADER])")
            .args);
    REQUIRE(full);
    REQUIRE(full->items.size() == 9);
    const FetchItem& fields = full->items[2];
    CHECK(fields.kind == Kind::Body);
    CHECK(fields.peek);
    CHECK(fields.section.kind == Section::Kind::HeaderFields);
    CHECK(fields.section.fields == std::vector<std::string>{"Subject", "From"});
    // Echoed upper-cased, atom or quoted as the client wrote it (Dovecot's echo).
    CHECK(fields.section.text == "HEADER.FIELDS (SUBJECT \"FROM\")");
    const FetchItem& partial = full->items[3];
    CHECK_FALSE(partial.peek);
    CHECK(partial.section.kind == Section::Kind::Full);
    CHECK(partial.section.text.empty());
    REQUIRE(partial.partial_origin);
    CHECK(*partial.partial_origin == 10);
    CHECK(partial.partial_count == 20);
    CHECK(full->items[4].section.kind == Section::Kind::Text);
    CHECK(full->items[4].section.text == "TEXT");
    CHECK(full->items[5].section.kind == Section::Kind::HeaderFieldsNot);
    CHECK(full->items[8].section.kind == Section::Kind::Header);
}

TEST_CASE("args: FETCH part paths, ENVELOPE/BODY/BODYSTRUCTURE and ALL/FULL (RFC 3501 §6.4.5)", "[imap][args]") {
    using Kind = FetchItem::Kind;
    auto parts = parse_fetch(
        request("a FETCH 1 (BODY[1] body.peek[2.1.mime] BODY[3.HEADER.FIELDS.NOT (x-a)]<0.5> BODY[1.2.TEXT] "
                "BODY[4.header] ENVELOPE BODY BODYSTRUCTURE)")
            .args);
    REQUIRE(parts);
    REQUIRE(parts->items.size() == 8);
    CHECK(parts->items[0].section.part == std::vector<uint32_t>{1});
    CHECK(parts->items[0].section.kind == Section::Kind::Full);
    CHECK(parts->items[0].section.text == "1");
    CHECK(parts->items[1].section.part == std::vector<uint32_t>{2, 1});
    CHECK(parts->items[1].section.kind == Section::Kind::Mime);
    CHECK(parts->items[1].section.text == "2.1.MIME");
    CHECK(parts->items[2].section.kind == Section::Kind::HeaderFieldsNot);
    CHECK(parts->items[2].section.text == "3.HEADER.FIELDS.NOT (X-A)");
    CHECK(parts->items[2].section.fields == std::vector<std::string>{"x-a"});
    CHECK(parts->items[3].section.kind == Section::Kind::Text);
    CHECK(parts->items[3].section.part == std::vector<uint32_t>{1, 2});
    CHECK(parts->items[4].section.kind == Section::Kind::Header);
    CHECK(parts->items[4].section.text == "4.HEADER");
    CHECK(parts->items[5].kind == Kind::Envelope);
    CHECK(parts->items[6].kind == Kind::BodyNonExtensible);
    CHECK(parts->items[7].kind == Kind::BodyStructure);

    // header-fld-name is any astring (RFC 3501 §9), even one that no field can match.
    auto colon = parse_fetch(request("a FETCH 1 BODY[HEADER.FIELDS (a:b)]").args);
    REQUIRE(colon);
    CHECK(colon->items[0].section.text == "HEADER.FIELDS (A:B)");

    auto all = parse_fetch(request("a FETCH 1 all").args);
    REQUIRE(all);
    REQUIRE(all->items.size() == 4);
    CHECK(all->items[3].kind == Kind::Envelope);
    auto full = parse_fetch(request("a FETCH 1 FULL").args);
    REQUIRE(full);
    REQUIRE(full->items.size() == 5);
    CHECK(full->items[4].kind == Kind::BodyNonExtensible);
}

TEST_CASE("args: FETCH errors become BAD", "[imap][args]") {
    for (const char* bad : {"a FETCH 1", "a FETCH x FLAGS", "a FETCH 1 NOSUCH", "a FETCH 1 ()", "a FETCH 1 BODY[MIME]",
                            "a FETCH 1 BODY[HEADER.FIELDS]", "a FETCH 1 BODY[]<5>", "a FETCH 1 BODY[]<5.0>",
                            "a FETCH 1 BODY[1.]", "a FETCH 1 BODY[0]", "a FETCH 1 BODY[01]", "a FETCH 1 BODY[1.TEXT.X]",
                            "a FETCH 1 BODY[HEADER.FIELDS ()]", "a FETCH 1 BODY[1.MIME (X)]", "a FETCH 1 BODY[.TEXT]",
                            "a FETCH 1 BODY[1..2]", "a FETCH 1 BODYSTRUCTURE.PEEK", "a FETCH 1 FLAGS UID"}) {
        INFO(bad);
        CHECK_FALSE(parse_fetch(request(bad).args));
    }
}

TEST_CASE("args: STORE forms (RFC 3501 §6.4.6)", "[imap][args]") {
    using Op = StoreArgs::Operation;
    auto plus = parse_store(request("a STORE 1:3 +FLAGS.SILENT (\\seen $Forwarded)").args);
    REQUIRE(plus);
    CHECK(plus->operation == Op::Add);
    CHECK(plus->silent);
    CHECK(plus->flags == std::vector<std::string>{"\\Seen", "$Forwarded"});
    auto bare = parse_store(request("a STORE 2 -flags \\Deleted \\Draft").args);
    REQUIRE(bare);
    CHECK(bare->operation == Op::Remove);
    CHECK_FALSE(bare->silent);
    CHECK(bare->flags == std::vector<std::string>{"\\Deleted", "\\Draft"});
    auto replace = parse_store(request("a STORE * FLAGS ()").args);
    REQUIRE(replace);
    CHECK(replace->operation == Op::Replace);
    CHECK(replace->flags.empty());
    // \Recent cannot be stored (RFC 3501 §2.3.2); unknown system flags are refused.
    CHECK_FALSE(parse_store(request("a STORE 1 +FLAGS (\\Recent)").args));
    CHECK_FALSE(parse_store(request("a STORE 1 +FLAGS (\\Bogus)").args));
    CHECK_FALSE(parse_store(request("a STORE 1 LABELS (x)").args));
    CHECK_FALSE(parse_store(request("a STORE 1 +FLAGS").args));
}

TEST_CASE("args: APPEND with flags, date-time and literal (RFC 3501 §6.3.11)", "[imap][args]") {
    auto full = parse_append(request("a APPEND Sent (\\Seen) \" 3-Dec-2026 18:12:12 +0100\" {5}\r\nHello").args);
    REQUIRE(full);
    CHECK(full->mailbox == "Sent");
    CHECK(full->flags == std::vector<std::string>{"\\Seen"});
    REQUIRE(full->internal_date);
    CHECK(*full->internal_date == 1796321532 - 3600);
    CHECK(full->message == "Hello");
    auto bare = parse_append(request("a APPEND inbox {2+}\r\nHi").args);
    REQUIRE(bare);
    CHECK(bare->mailbox == "INBOX");
    CHECK_FALSE(bare->internal_date);
    CHECK_FALSE(parse_append(request("a APPEND INBOX \"Hello\"").args));  // message must be a literal
    CHECK_FALSE(parse_append(request("a APPEND INBOX \"yesterday\" {1}\r\nx").args));
    CHECK_FALSE(parse_append(request("a APPEND INBOX").args));
}

TEST_CASE("args: LIST reference and pattern, STATUS items", "[imap][args]") {
    auto list = parse_list(request("a LIST \"\" %").args);
    REQUIRE(list);
    CHECK(list->reference.empty());
    CHECK(list->pattern == "%");
    auto utf7 = parse_list(request("a LIST Archive. \"Entw&APw-*\"").args);
    REQUIRE(utf7);
    CHECK(utf7->reference == "Archive.");
    CHECK(utf7->pattern == "Entw\xc3\xbc*");
    CHECK_FALSE(parse_list(request("a LIST \"\"").args));

    auto status = parse_status(request("a STATUS inbox (messages UIDNEXT unseen)").args);
    REQUIRE(status);
    CHECK(status->mailbox == "INBOX");
    CHECK(status->items == std::vector<std::string>{"MESSAGES", "UIDNEXT", "UNSEEN"});
    CHECK_FALSE(parse_status(request("a STATUS INBOX (SIZE)").args));
    CHECK_FALSE(parse_status(request("a STATUS INBOX ()").args));
}
