#include "pop3/proto/writer.hpp"

#include "base/strings.hpp"

namespace roost::pop3::proto {
namespace {

std::string status(std::string_view indicator, std::string_view text) {
    std::string out(indicator);
    if (!text.empty()) {
        out += ' ';
        out += text;
    }
    out += "\r\n";
    return out;
}

}  // namespace

std::string ok(std::string_view text) { return status("+OK", text); }

std::string err(std::string_view text) { return status("-ERR", text); }

std::string sasl_challenge(std::string_view raw_challenge) {
    // RFC 5034 §4: "+" SP base64 CRLF; the space stays even for an empty challenge.
    return "+ " + base64_encode(raw_challenge) + "\r\n";
}

std::string multi_line(std::string_view status_line_text, const std::vector<std::string>& lines) {
    std::string out = ok(status_line_text);
    for (const std::string& line : lines) {
        if (!line.empty() && line[0] == '.') out += '.';
        out += line;
        out += "\r\n";
    }
    out += kTerminator;
    return out;
}

std::string DotStuffer::encode(std::string_view chunk) {
    std::string out;
    out.reserve(chunk.size() + chunk.size() / 64 + 1);
    for (char c : chunk) {
        if (at_line_start_ && c == '.') out += '.';
        out += c;
        at_line_start_ = c == '\n';
    }
    return out;
}

std::string DotStuffer::finish() {
    std::string out;
    if (!at_line_start_) out = "\r\n";
    out += kTerminator;
    at_line_start_ = true;
    return out;
}

uint64_t message_octets(uint64_t size, bool ends_with_newline) { return ends_with_newline ? size : size + 2; }

uint64_t message_octets(std::string_view message) {
    return message_octets(message.size(), message.empty() || message.back() == '\n');
}

}  // namespace roost::pop3::proto
