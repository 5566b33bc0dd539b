// pop3::proto::LineReader: CRLF and LF line ends, over-long lines, and the same results for
// input fed whole, byte by byte and split at every offset (DESIGN.md: parser test rule).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pop3/proto/line_reader.hpp"

using roost::pop3::proto::LineReader;

namespace {

// Every result until NeedMore, as "L:<line>" or "TOOLONG".
std::vector<std::string> drain(LineReader& reader) {
    std::vector<std::string> out;
    while (true) {
        LineReader::Next n = reader.next();
        if (n.status == LineReader::Status::NeedMore) return out;
        out.push_back(n.status == LineReader::Status::Line ? "L:" + n.line : "TOOLONG");
    }
}

std::vector<std::string> feed_pieces(size_t max, const std::vector<std::string>& pieces) {
    LineReader reader(max);
    std::vector<std::string> out;
    for (const std::string& p : pieces) {
        reader.feed(p);
        auto got = drain(reader);
        out.insert(out.end(), got.begin(), got.end());
    }
    return out;
}

void check_all_splits(size_t max, const std::string& input, const std::vector<std::string>& expected) {
    INFO("input: " << input);
    CHECK(feed_pieces(max, {input}) == expected);
    std::vector<std::string> bytes;
    for (char c : input) bytes.emplace_back(1, c);
    CHECK(feed_pieces(max, bytes) == expected);
    for (size_t cut = 0; cut <= input.size(); ++cut) {
        INFO("split at " << cut);
        CHECK(feed_pieces(max, {input.substr(0, cut), input.substr(cut)}) == expected);
    }
}

}  // namespace

TEST_CASE("POP3 lines end with CRLF (RFC 1939 §3) or a bare LF", "[pop3][line_reader]") {
    check_all_splits(64, "USER a\r\nPASS b c\r\nSTAT\nQUIT\r\n", {"L:USER a", "L:PASS b c", "L:STAT", "L:QUIT"});
    check_all_splits(64, "\r\n\n", {"L:", "L:"});
    // A CR that is not before the LF is data, not a line end.
    check_all_splits(64, "A\rB\r\n", {"L:A\rB"});
    // No line end yet: nothing.
    check_all_splits(64, "NOOP", {});
}

TEST_CASE("POP3 over-long lines are reported once and skipped up to their LF", "[pop3][line_reader]") {
    // max 8: "12345678" fits; 9 octets do not.
    check_all_splits(8, "12345678\r\nNOOP\r\n", {"L:12345678", "L:NOOP"});
    check_all_splits(8, "123456789\r\nNOOP\r\n", {"TOOLONG", "L:NOOP"});
    check_all_splits(8, "123456789012345678901234567890\nQUIT\n", {"TOOLONG", "L:QUIT"});
    // The CR of a CRLF right at the limit does not count.
    check_all_splits(8, "1234567\r\r\n", {"L:1234567\r"});
    check_all_splits(8, "12345678\rX\r\nA\n", {"TOOLONG", "L:A"});
}

TEST_CASE("POP3 over-long line without an LF is reported before it ends", "[pop3][line_reader]") {
    LineReader reader(4);
    reader.feed("123456");
    CHECK(reader.next().status == LineReader::Status::TooLong);
    CHECK(reader.next().status == LineReader::Status::NeedMore);
    CHECK(reader.buffered() == 0);  // memory stays bounded while the line goes on
    reader.feed("7890\r\nSTAT\r\n");
    LineReader::Next n = reader.next();
    CHECK(n.status == LineReader::Status::Line);
    CHECK(n.line == "STAT");
}

TEST_CASE("POP3 STLS: clear() drops pipelined input (RFC 2595 §4)", "[pop3][line_reader]") {
    LineReader reader(64);
    reader.feed("STLS\r\nUSER injected\r\nPA");
    LineReader::Next n = reader.next();
    REQUIRE(n.line == "STLS");
    reader.clear();
    CHECK(reader.buffered() == 0);
    CHECK(reader.next().status == LineReader::Status::NeedMore);
    reader.feed("CAPA\r\n");
    CHECK(reader.next().line == "CAPA");
}
