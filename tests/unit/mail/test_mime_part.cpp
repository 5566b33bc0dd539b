// The MIME part tree (src/mail/mime_part.hpp, header.hpp, mime_fields.hpp): RFC 2045/2046
// structure with offsets, and the malformed cases read as Dovecot 2.3.19 reads them (each was
// checked against a running Dovecot).
#include <catch2/catch.hpp>

#include "mail/header.hpp"
#include "mail/message.hpp"
#include "mail/mime_part.hpp"

using namespace roost::mail;

namespace {

std::string crlf(const char* text) { return to_crlf(text); }

}  // namespace

TEST_CASE("header: fields with folding, names trimmed, a line without a colon is a nameless field",
          "[mail][header]") {
    std::string h = crlf("Subject: a\n  folded\nFrom : x@y\nnot a field\nX-Empty:\n\nbody\n");
    auto fields = parse_header(h);
    REQUIRE(fields.size() == 4);
    CHECK(fields[0].name == "Subject");
    CHECK(fields[0].value == "a\r\n  folded");
    CHECK(unfold(fields[0].value) == "a  folded");
    CHECK(fields[0].offset == 0);
    CHECK(fields[0].size == 22);
    CHECK(fields[1].name == "From");
    CHECK(fields[1].value == "x@y");
    // Dovecot keeps such a line in HEADER.FIELDS.NOT: the whole line is its name.
    CHECK(fields[2].name == "not a field");
    CHECK(fields[2].value.empty());
    CHECK(fields[3].name == "X-Empty");
    CHECK(fields[3].value.empty());
    CHECK(find_field(fields, "SUBJECT") == &fields[0]);
    CHECK(find_field(fields, "To") == nullptr);
    CHECK(header_length(h) == h.find("body"));
    CHECK(header_length("\r\nbody") == 2);
    CHECK(header_length("A: b") == 4);
}

TEST_CASE("mime fields: Content-Type kept as written, RFC 2231 pieces joined like Dovecot", "[mail][mime]") {
    auto ct = parse_content_type(
        "MULTIPART/Mixed; Boundary=\"XX\"; Foo*0*=us-ascii'en'This%20is; foo*1*=%20more; foo*2=\" end\"; "
        "baz=plain (comment)");
    CHECK(ct.type == "MULTIPART");
    CHECK(ct.subtype == "Mixed");
    REQUIRE(ct.params.size() == 3);
    CHECK(ct.params[0].name == "Boundary");
    CHECK(ct.params[0].value == "XX");
    CHECK(ct.params[1].name == "baz");
    CHECK(ct.params[1].value == "plain");
    CHECK(ct.params[2].name == "Foo*");
    CHECK(ct.params[2].value == "us-ascii'en'This%20is%20more end");
    std::string charset;
    CHECK(decoded_param(ct.params, "foo", &charset) == std::optional<std::string>("This is more end"));
    CHECK(charset == "us-ascii");
    CHECK(decoded_param(ct.params, "boundary") == std::optional<std::string>("XX"));
    CHECK_FALSE(decoded_param(ct.params, "charset"));

    // Continuations without '*' after the number are joined under the plain name.
    auto joined = parse_params("; x*1=\"b\"; x*0=a; bad; charset=\"ISO-8859-1\"");
    REQUIRE(joined.size() == 2);
    CHECK(joined[0].name == "charset");
    CHECK(joined[1].name == "x");
    CHECK(joined[1].value == "ab");

    CHECK(parse_content_type("text").subtype.empty());
    auto broken = parse_content_type("/plain; charset=x");
    CHECK(broken.type.empty());
    CHECK(broken.params.empty());
}

TEST_CASE("mime fields: disposition, language list, transfer encoding token", "[mail][mime]") {
    std::string h = crlf(
        "Content-Disposition: Attachment; FileName=\"a b.txt\"; size=3\n"
        "Content-Language: EN, de\n"
        "Content-Transfer-Encoding: QUOTED-Printable (why)\n"
        "Content-ID: <id@x>\nContent-Description: desc\nContent-MD5: abc==\nContent-Location: http://x/y\n\n");
    auto mime = parse_mime_fields(parse_header(h));
    REQUIRE(mime.disposition);
    CHECK(mime.disposition->type == "Attachment");
    REQUIRE(mime.disposition->params.size() == 2);
    CHECK(mime.disposition->params[0].value == "a b.txt");
    CHECK(mime.language == std::vector<std::string>{"EN", "de"});
    CHECK(mime.transfer_encoding == std::optional<std::string>("QUOTED-Printable"));
    CHECK(mime.id == std::optional<std::string>("<id@x>"));
    CHECK(mime.description == std::optional<std::string>("desc"));
    CHECK(mime.md5 == std::optional<std::string>("abc=="));
    CHECK(mime.location == std::optional<std::string>("http://x/y"));
}

TEST_CASE("mime: a single-part message is one leaf with header and body offsets", "[mail][mime]") {
    std::string m = crlf("From: a@b\nSubject: hi\n\nbody\nline 2");
    MimePart root = parse_mime(m);
    CHECK(root.kind == MimePart::Kind::Leaf);
    CHECK_FALSE(root.has_content_type);
    CHECK(root.type == "text");
    CHECK(root.subtype == "plain");
    CHECK(root.header(m) == "From: a@b\r\nSubject: hi\r\n\r\n");
    CHECK(root.body(m) == "body\r\nline 2");
    CHECK(root.body_lines == 1);
    CHECK(root.transfer_encoding() == "7bit");

    std::string no_body = crlf("Subject: no blank line\nFrom: x@y");
    MimePart bare = parse_mime(no_body);
    CHECK(bare.header_size == no_body.size());
    CHECK(bare.body_size == 0);
}

TEST_CASE("mime: RFC 2046 multipart with preamble, epilogue and a nested message/rfc822", "[mail][mime]") {
    std::string m = crlf(
        "Content-Type: multipart/mixed; boundary=XX\n\npreamble\n--XX\n"
        "Content-Type: text/plain; charset=UTF-8\n\nline1\nline2\n"
        "--XX\nContent-Type: message/rfc822\n\nSubject: inner\nContent-Type: text/html\n\n<b>x</b>\n"
        "--XX\n\nno-eol\n--XX--\nepilogue\n");
    MimePart root = parse_mime(m);
    REQUIRE(root.is_multipart());
    REQUIRE(root.children.size() == 3);
    const MimePart& text = root.children[0];
    CHECK(text.header(m) == "Content-Type: text/plain; charset=UTF-8\r\n\r\n");
    // The CRLF before a boundary belongs to the boundary (RFC 2046 §5.1.1).
    CHECK(text.body(m) == "line1\r\nline2");
    CHECK(text.body_lines == 1);
    CHECK(text.charset() == std::optional<std::string>("UTF-8"));

    const MimePart& message = root.children[1];
    REQUIRE(message.is_message());
    REQUIRE(message.children.size() == 1);
    const MimePart& inner = message.children[0];
    CHECK(inner.header_offset == message.body_offset);
    CHECK(inner.header(m) == "Subject: inner\r\nContent-Type: text/html\r\n\r\n");
    CHECK(inner.body(m) == "<b>x</b>");
    CHECK(inner.subtype == "html");
    CHECK(message.body_size == inner.header_size + inner.body_size);
    CHECK(message.body_lines == 3);

    CHECK(root.children[2].body(m) == "no-eol");
    CHECK(root.body(m).substr(0, 8) == "preamble");
    CHECK(root.body(m).substr(root.body_size - 10) == "epilogue\r\n");
}

TEST_CASE("mime: malformed multiparts read as Dovecot does", "[mail][mime]") {
    SECTION("a longer line starting with the boundary is a boundary; header ending at a boundary") {
        std::string m = crlf(
            "Content-Type: multipart/digest; boundary=XX\n\n--XX\n\nFrom: c@d\n\nabc\n--XXyz\n"
            "Content-Type: text/plain\n\nq\n--XX \nContent-Type: text/plain\n--XX\n");
        MimePart root = parse_mime(m);
        REQUIRE(root.children.size() == 4);
        // multipart/digest parts default to message/rfc822 (RFC 2046 §5.1.5).
        CHECK(root.children[0].is_message());
        CHECK(root.children[0].body(m) == "From: c@d\r\n\r\nabc");
        CHECK(root.children[1].body(m) == "q");
        CHECK(root.children[2].header(m) == "Content-Type: text/plain");
        CHECK(root.children[2].body_size == 0);
        CHECK(root.children[3].is_message());
        CHECK(root.children[3].body_size == 0);
    }
    SECTION("a missing end boundary: the outer boundary ends the inner multipart") {
        std::string m = crlf(
            "Content-Type: multipart/mixed; boundary=outer\n\n--outer\n"
            "Content-Type: multipart/alternative; boundary=inner\n\n--inner\n\na\n"
            "--outer\n\nb\n--outer--\n");
        MimePart root = parse_mime(m);
        REQUIRE(root.children.size() == 2);
        REQUIRE(root.children[0].children.size() == 1);
        CHECK(root.children[0].children[0].body(m) == "a");
        CHECK(root.children[1].body(m) == "b");
    }
    SECTION("multipart without a boundary has no children") {
        MimePart root = parse_mime(crlf("Content-Type: multipart/mixed\n\n--XX\n\nabc\n--XX--\n"));
        CHECK(root.is_multipart());
        CHECK(root.children.empty());
    }
    SECTION("nesting deeper than the limit stops parsing") {
        std::string m;
        for (int i = 0; i < kMaxMimeDepth + 5; ++i) m += "Content-Type: message/rfc822\r\n\r\n";
        m += "body\r\n";
        MimePart part = parse_mime(m);
        int depth = 0;
        const MimePart* p = &part;
        while (!p->children.empty()) {
            p = &p->children[0];
            ++depth;
        }
        CHECK(depth == kMaxMimeDepth);
    }
}
