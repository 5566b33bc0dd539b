// pop3::proto writer: status lines, multi-line responses, dot-stuffing (RFC 1939 §3) across
// chunk boundaries, and the TOP prefix (RFC 1939 §7).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pop3/proto/top.hpp"
#include "pop3/proto/writer.hpp"

using namespace roost::pop3::proto;

namespace {

std::string stuff_in_pieces(const std::string& data, const std::vector<size_t>& cuts) {
    DotStuffer s;
    std::string out;
    size_t prev = 0;
    for (size_t cut : cuts) {
        out += s.encode(std::string_view(data).substr(prev, cut - prev));
        prev = cut;
    }
    out += s.encode(std::string_view(data).substr(prev));
    out += s.finish();
    return out;
}

}  // namespace

TEST_CASE("POP3 status lines end with CRLF (RFC 1939 §3)", "[pop3][writer]") {
    CHECK(ok("Roost ready.") == "+OK Roost ready.\r\n");
    CHECK(ok("") == "+OK\r\n");
    CHECK(err("Unknown command.") == "-ERR Unknown command.\r\n");
    CHECK(err("") == "-ERR\r\n");
    // RFC 5034 §4: "+ " and base64, also for an empty challenge.
    CHECK(sasl_challenge("") == "+ \r\n");
    CHECK(sasl_challenge("Username:") == "+ VXNlcm5hbWU6\r\n");
}

TEST_CASE("POP3 multi-line listings are dot-stuffed and terminated (RFC 1939 §3)", "[pop3][writer]") {
    CHECK(multi_line("2 messages:", {"1 120", "2 200"}) == "+OK 2 messages:\r\n1 120\r\n2 200\r\n.\r\n");
    CHECK(multi_line("", {}) == "+OK\r\n.\r\n");
    CHECK(multi_line("", {".hidden"}) == "+OK\r\n..hidden\r\n.\r\n");
}

TEST_CASE("POP3 dot-stuffing of a message (RFC 1939 §3)", "[pop3][writer]") {
    const std::string message = ".first\r\nmid.dle\r\n.\r\n..two\r\nlast\r\n";
    const std::string expected = "..first\r\nmid.dle\r\n..\r\n...two\r\nlast\r\n.\r\n";
    CHECK(stuff_in_pieces(message, {}) == expected);

    SECTION("split at every offset, including a '.' at the start of a chunk") {
        for (size_t cut = 0; cut <= message.size(); ++cut) {
            INFO("cut at " << cut);
            CHECK(stuff_in_pieces(message, {cut}) == expected);
        }
    }
    SECTION("byte by byte") {
        std::vector<size_t> cuts;
        for (size_t i = 1; i < message.size(); ++i) cuts.push_back(i);
        CHECK(stuff_in_pieces(message, cuts) == expected);
    }
    SECTION("a chunk that ends with CRLF followed by one starting with '.'") {
        DotStuffer s;
        CHECK(s.encode("a\r\n") == "a\r\n");
        CHECK(s.encode(".b") == "..b");
        CHECK(s.encode(".c") == ".c");  // not at a line start
    }
}

TEST_CASE("POP3 terminator after data without a final CRLF (RFC 1939 §3)", "[pop3][writer]") {
    // The terminator must be a line of its own: CRLF "." CRLF.
    CHECK(stuff_in_pieces("no newline", {}) == "no newline\r\n.\r\n");
    CHECK(stuff_in_pieces("", {}) == ".\r\n");
    CHECK(stuff_in_pieces("x\r\n", {}) == "x\r\n.\r\n");
    // finish() resets: the next response starts at a line start.
    DotStuffer s;
    s.encode("abc");
    CHECK(s.finish() == "\r\n.\r\n");
    CHECK(s.encode(".x") == "..x");
}

TEST_CASE("POP3 message_octets counts what DotStuffer sends before the terminator (RFC 1939 §3, §5)",
          "[pop3][writer]") {
    // LIST's "exact size" must match RETR: un-stuffed output minus the ".\r\n" terminator.
    const std::string message = GENERATE(std::string(""), std::string("a\r\n"), std::string("a\r\nb"),
                                         std::string(".a\r\n.b"), std::string("a\r"));
    DotStuffer s;
    std::string sent = s.encode(message);
    sent += s.finish();
    sent.resize(sent.size() - kTerminator.size());
    std::string unstuffed;
    bool line_start = true;
    for (char c : sent) {
        if (!(line_start && c == '.')) unstuffed += c;
        line_start = c == '\n';
    }
    INFO("message: " << message);
    CHECK(message_octets(message) == unstuffed.size());
    CHECK(message_octets(message.size(), message.empty() || message.back() == '\n') == unstuffed.size());
}

TEST_CASE("POP3 TOP sends the header, the blank line and n body lines (RFC 1939 §7)", "[pop3][top]") {
    const std::string msg = "Subject: a\r\nFrom: b\r\n\r\nline1\r\nline2\r\nline3";
    CHECK(top_prefix(msg, 0) == "Subject: a\r\nFrom: b\r\n\r\n");
    CHECK(top_prefix(msg, 1) == "Subject: a\r\nFrom: b\r\n\r\nline1\r\n");
    CHECK(top_prefix(msg, 2) == "Subject: a\r\nFrom: b\r\n\r\nline1\r\nline2\r\n");
    // The last line has no CRLF but is a line; asking for more than exist gives everything.
    CHECK(top_prefix(msg, 3) == msg);
    CHECK(top_prefix(msg, 1000) == msg);
    // Empty body lines count as lines.
    CHECK(top_prefix("H: v\r\n\r\n\r\n\r\nx\r\n", 2) == "H: v\r\n\r\n\r\n\r\n");
    // No blank line: all header, sent whole.
    CHECK(top_prefix("H: v\r\nI: w\r\n", 0) == "H: v\r\nI: w\r\n");
    // A message that starts with the blank line has an empty header.
    CHECK(top_prefix("\r\nbody\r\n", 0) == "\r\n");
}
