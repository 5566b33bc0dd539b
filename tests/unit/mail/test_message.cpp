// Line ends and the header/body split (src/mail/message.hpp). Maildir files may use LF or
// CRLF; IMAP RFC822.SIZE (RFC 3501 §2.3.4) and POP3 sizes (RFC 1939 §11) count CRLF.
#include <catch2/catch.hpp>

#include "mail/message.hpp"

using namespace roost::mail;

TEST_CASE("message: to_crlf turns bare LF into CRLF and leaves CRLF and lone CR alone", "[mail][message]") {
    CHECK(to_crlf("a\nb\n") == "a\r\nb\r\n");
    CHECK(to_crlf("a\r\nb\r\n") == "a\r\nb\r\n");
    CHECK(to_crlf("\n\n") == "\r\n\r\n");
    CHECK(to_crlf("mixed\r\nlines\nhere") == "mixed\r\nlines\r\nhere");
    CHECK(to_crlf("lone\rcr\n") == "lone\rcr\r\n");
    CHECK(to_crlf("").empty());
}

TEST_CASE("message: crlf_size equals the size of to_crlf's result", "[mail][message]") {
    for (const char* text : {"", "a", "\n", "\r\n", "a\nb\r\nc\rd\n\n", "\r\r\n\n"}) {
        INFO(text);
        CHECK(crlf_size(text) == to_crlf(text).size());
    }
}

TEST_CASE("message: split_header_body at the first empty line (RFC 5322 §2.1)", "[mail][message]") {
    auto parts = split_header_body("Subject: x\r\nFrom: y\r\n\r\nbody\r\n\r\nmore\r\n");
    CHECK(parts.header == "Subject: x\r\nFrom: y\r\n\r\n");
    CHECK(parts.body == "body\r\n\r\nmore\r\n");
    auto empty_header = split_header_body("\r\nbody only\r\n");
    CHECK(empty_header.header == "\r\n");
    CHECK(empty_header.body == "body only\r\n");
    auto no_body = split_header_body("Subject: x\r\n");
    CHECK(no_body.header == "Subject: x\r\n");
    CHECK(no_body.body.empty());
}
