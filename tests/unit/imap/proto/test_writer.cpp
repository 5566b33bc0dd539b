// Output syntax (RFC 3501 §4.3 strings, §7 response lines).
#include <catch2/catch.hpp>

#include "imap/proto/writer.hpp"

using namespace roost::imap::proto;

namespace {

std::string as_string(std::string_view text) {
    std::string out;
    append_string(out, text);
    return out;
}

std::string as_astring(std::string_view text) {
    std::string out;
    append_astring(out, text);
    return out;
}

}  // namespace

TEST_CASE("writer: strings are quoted when safe, with \" and \\ escaped (RFC 3501 §4.3)", "[imap][writer]") {
    CHECK(as_string("Sent") == "\"Sent\"");
    CHECK(as_string("") == "\"\"");
    CHECK(as_string("a \"b\" \\c") == "\"a \\\"b\\\" \\\\c\"");
    // A fifth character to escape makes it a literal (as Dovecot decides).
    CHECK(as_string("\\\\\\\\") == "\"\\\\\\\\\\\\\\\\\"");
    CHECK(as_string("\\\\\\\\\"") == "{5}\r\n\\\\\\\\\"");
}

TEST_CASE("writer: CR, LF, NUL, 8-bit and long strings go out as literals (RFC 3501 §4.3)", "[imap][writer]") {
    CHECK(as_string("a\r\nb") == "{4}\r\na\r\nb");
    CHECK(as_string("caf\xc3\xa9") == "{5}\r\ncaf\xc3\xa9");
    CHECK(as_string(std::string("a\0b", 3)) == std::string("{3}\r\na\0b", 8));
    std::string longer(2000, 'x');
    CHECK(as_string(longer) == "{2000}\r\n" + longer);
}

TEST_CASE("writer: astrings are bare atoms when possible, NIL is quoted", "[imap][writer]") {
    CHECK(as_astring("INBOX") == "INBOX");
    CHECK(as_astring("Lists.roost[dev]") == "Lists.roost[dev]");
    CHECK(as_astring("My Folder") == "\"My Folder\"");
    CHECK(as_astring("NIL") == "\"NIL\"");
    CHECK(as_astring("nil") == "\"nil\"");
    CHECK(as_astring("") == "\"\"");
    CHECK(as_astring("a%b") == "\"a%b\"");
    CHECK(as_astring("&AOk-t&AOk-") == "&AOk-t&AOk-");
}

TEST_CASE("writer: nstring, literal and lists", "[imap][writer]") {
    std::string out;
    append_nstring(out, std::nullopt);
    out += ' ';
    append_nstring(out, std::string_view("x"));
    out += ' ';
    append_literal(out, "ab");
    out += ' ';
    append_list(out, {"\\Seen", "$Junk"});
    out += ' ';
    append_list(out, {});
    CHECK(out == "NIL \"x\" {2}\r\nab (\\Seen $Junk) ()");
}

TEST_CASE("writer: response lines end in CRLF (RFC 3501 §7)", "[imap][writer]") {
    CHECK(untagged("OK Roost ready.") == "* OK Roost ready.\r\n");
    CHECK(tagged("a1", "OK", "", "Done.") == "a1 OK Done.\r\n");
    CHECK(tagged("a2", "NO", "TRYCREATE", "Mailbox doesn't exist.") == "a2 NO [TRYCREATE] Mailbox doesn't exist.\r\n");
    CHECK(continuation("") == "+ \r\n");
    CHECK(continuation("Ready for literal data") == "+ Ready for literal data\r\n");
}
