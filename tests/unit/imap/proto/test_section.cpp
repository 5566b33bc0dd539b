// BODY[section] data (RFC 3501 §6.4.5).
#include <catch2/catch.hpp>

#include "imap/proto/section.hpp"

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
