// BODY[section] data (RFC 3501 §6.4.5).
#include <catch2/catch.hpp>

#include "imap/proto/section.hpp"
#include "mail/message.hpp"

using namespace roost::imap::proto;

namespace {

const std::string kMessage =
    "From: a@example.com\r\n"
    "Subject: hello\r\n"
    "  world\r\n"
    "X-Spam: no\r\n"
    "\r\n"
    "Body line 1\r\n"
    "\r\n"
    "Body line 3\r\n";

Section section(Section::Kind kind, std::vector<std::string> fields = {}) {
    Section s;
    s.kind = kind;
    s.fields = std::move(fields);
    return s;
}

}  // namespace

TEST_CASE("section: full, HEADER (with its empty line) and TEXT", "[imap][section]") {
    CHECK(section_data(kMessage, section(Section::Kind::Full)) == kMessage);
    CHECK(section_data(kMessage, section(Section::Kind::Header)) ==
          "From: a@example.com\r\nSubject: hello\r\n  world\r\nX-Spam: no\r\n\r\n");
    CHECK(section_data(kMessage, section(Section::Kind::Text)) == "Body line 1\r\n\r\nBody line 3\r\n");
}

TEST_CASE("section: HEADER.FIELDS and .NOT keep continuation lines and end with an empty line",
          "[imap][section]") {
    CHECK(section_data(kMessage, section(Section::Kind::HeaderFields, {"subject", "X-SPAM"})) ==
          "Subject: hello\r\n  world\r\nX-Spam: no\r\n\r\n");
    CHECK(section_data(kMessage, section(Section::Kind::HeaderFields, {"Cc"})) == "\r\n");
    CHECK(section_data(kMessage, section(Section::Kind::HeaderFieldsNot, {"Subject"})) ==
          "From: a@example.com\r\nX-Spam: no\r\n\r\n");
}

TEST_CASE("section: a message without a body separator is all header", "[imap][section]") {
    std::string headers_only = "Subject: x\r\n";
    CHECK(section_data(headers_only, section(Section::Kind::Header)) == headers_only);
    CHECK(section_data(headers_only, section(Section::Kind::Text)).empty());
}

TEST_CASE("section: partial ranges (RFC 3501 §6.4.5 <origin.count>)", "[imap][section]") {
    CHECK(partial_data("0123456789", 0, 4) == "0123");
    CHECK(partial_data("0123456789", 8, 100) == "89");
    CHECK(partial_data("0123456789", 10, 1).empty());
    CHECK(partial_data("0123456789", 4000000000u, 1).empty());
}

namespace {

// Each expectation below is what Dovecot 2.3.19 answered for the same message and section.
const std::string kMultipart = roost::mail::to_crlf(
    "From: a@b\nContent-Type: multipart/mixed; boundary=XX\n\npreamble\n--XX\n"
    "Content-Type: text/plain\n\nline1\nline2\n"
    "--XX\nContent-Type: message/rfc822\n\nSubject: inner\nContent-Type: text/html\n\n<b>x</b>\n"
    "--XX\nContent-Type: application/octet-stream\n\nno-eol\n--XX--\nepilogue\n");

Section part_section(std::vector<uint32_t> part, Section::Kind kind = Section::Kind::Full,
                     std::vector<std::string> fields = {}) {
    Section s = section(kind, std::move(fields));
    s.part = std::move(part);
    return s;
}

}  // namespace

TEST_CASE("section: part paths into multiparts and message/rfc822 (RFC 3501 §6.4.5)", "[imap][section]") {
    using K = Section::Kind;
    CHECK(section_data(kMultipart, part_section({1})) == "line1\r\nline2");
    CHECK(section_data(kMultipart, part_section({1}, K::Mime)) == "Content-Type: text/plain\r\n\r\n");
    // A message/rfc822 part: its body is the whole encapsulated message, HEADER and TEXT are
    // the encapsulated message's, MIME is the part's own header.
    CHECK(section_data(kMultipart, part_section({2})) ==
          "Subject: inner\r\nContent-Type: text/html\r\n\r\n<b>x</b>");
    CHECK(section_data(kMultipart, part_section({2}, K::Header)) == "Subject: inner\r\nContent-Type: text/html\r\n\r\n");
    CHECK(section_data(kMultipart, part_section({2}, K::Text)) == "<b>x</b>");
    CHECK(section_data(kMultipart, part_section({2}, K::Mime)) == "Content-Type: message/rfc822\r\n\r\n");
    CHECK(section_data(kMultipart, part_section({2}, K::HeaderFields, {"subject"})) == "Subject: inner\r\n\r\n");
    CHECK(section_data(kMultipart, part_section({2}, K::HeaderFieldsNot, {"subject"})) ==
          "Content-Type: text/html\r\n\r\n");
    // Inside it, 2.1 is the encapsulated (single-part) message's body; 2.1.MIME its header.
    CHECK(section_data(kMultipart, part_section({2, 1})) == "<b>x</b>");
    CHECK(section_data(kMultipart, part_section({2, 1}, K::Mime)) == "Subject: inner\r\nContent-Type: text/html\r\n\r\n");
    CHECK(section_data(kMultipart, part_section({3})) == "no-eol");
    CHECK(section_data(kMultipart, part_section({3, 1})) == "no-eol");  // a leaf is its own part 1
    // HEADER/TEXT of a part that is no message, and parts that do not exist: empty.
    CHECK(section_data(kMultipart, part_section({1}, K::Header)).empty());
    CHECK(section_data(kMultipart, part_section({1}, K::Text)).empty());
    CHECK(section_data(kMultipart, part_section({4})).empty());
    CHECK(section_data(kMultipart, part_section({2, 2})).empty());
    CHECK(section_data(kMultipart, part_section({2, 1, 2})).empty());
    CHECK(section_data(kMultipart, part_section({1, 1, 1})).empty());
    CHECK(section_data(kMultipart, section(K::Text)).substr(0, 14) == "preamble\r\n--XX");
}

TEST_CASE("section: BODY[1] of a single-part message is its body (RFC 3501 §6.4.5)", "[imap][section]") {
    using K = Section::Kind;
    CHECK(section_data(kMessage, part_section({1})) == "Body line 1\r\n\r\nBody line 3\r\n");
    // 1.MIME of a single-part message is the message header (Dovecot's answer).
    CHECK(section_data(kMessage, part_section({1}, K::Mime)) == section_data(kMessage, section(K::Header)));
    CHECK(section_data(kMessage, part_section({2})).empty());
    CHECK(section_data(kMessage, part_section({1, 1})).empty());
    CHECK(section_data(kMessage, part_section({1}, K::Header)).empty());
}

TEST_CASE("section: HEADER.FIELDS.NOT keeps lines that are no field; no empty line when the header has none",
          "[imap][section]") {
    std::string all_header = "From: a\r\nnot a field\r\n";
    CHECK(section_data(all_header, section(Section::Kind::HeaderFieldsNot, {"x"})) == all_header);
    CHECK(section_data(all_header, section(Section::Kind::HeaderFields, {"from"})) == "From: a\r\n\r\n");
}

TEST_CASE("section: an empty message and one that is only an empty line (Dovecot's answers)", "[imap][section]") {
    using K = Section::Kind;
    CHECK(section_data("", section(K::Header)).empty());
    CHECK(section_data("", section(K::HeaderFields, {"a"})) == "\r\n");
    CHECK(section_data("", section(K::HeaderFieldsNot, {"a"})).empty());
    CHECK(section_data("", part_section({1}, K::Mime)).empty());
    CHECK(section_data("\r\n", section(K::Header)) == "\r\n");
    CHECK(section_data("\r\n", section(K::HeaderFieldsNot, {"a"})) == "\r\n");
    CHECK(section_data("\r\n", part_section({1}, K::Mime)) == "\r\n");
    CHECK(section_data("\r\n", part_section({1})).empty());
}
