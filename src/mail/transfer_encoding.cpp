#include "mail/transfer_encoding.hpp"

#include "base/strings.hpp"

namespace roost::mail {
namespace {

int hex_value(unsigned char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// "=XX" at `at` (pointing at "="): the octet, or -1.
int hex_escape(std::string_view text, size_t at) {
    if (at + 2 >= text.size()) return -1;
    int high = hex_value(static_cast<unsigned char>(text[at + 1]));
    int low = hex_value(static_cast<unsigned char>(text[at + 2]));
    return high < 0 || low < 0 ? -1 : high * 16 + low;
}

}  // namespace

std::string decode_base64(std::string_view text) {
    std::string out;
    out.reserve(text.size() / 4 * 3);
    unsigned accumulator = 0;
    int bits = 0;
    for (unsigned char c : text) {
        if (c == '=') break;
        int value = base64_digit(c);
        if (value < 0) continue;
        accumulator = (accumulator << 6) | static_cast<unsigned>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((accumulator >> bits) & 0xff);
        }
    }
    return out;
}

std::string decode_quoted_printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        bool has_break = end != std::string_view::npos;
        if (!has_break) end = text.size();
        size_t content_end = end;
        if (has_break && content_end > pos && text[content_end - 1] == '\r') --content_end;
        std::string_view line = text.substr(pos, content_end - pos);
        // Rule 3: trailing whitespace was added in transport.
        while (!line.empty() && is_blank(line.back())) line.remove_suffix(1);
        bool soft_break = !line.empty() && line.back() == '=';
        if (soft_break) line.remove_suffix(1);
        for (size_t i = 0; i < line.size(); ++i) {
            if (line[i] == '=') {
                int octet = hex_escape(line, i);
                if (octet >= 0) {
                    out += static_cast<char>(octet);
                    i += 2;
                    continue;
                }
            }
            out += line[i];
        }
        if (has_break && !soft_break) out += "\r\n";
        pos = has_break ? end + 1 : end;
    }
    return out;
}

std::string decode_q_encoding(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '_') {
            out += ' ';
        } else if (c == '=' && hex_escape(text, i) >= 0) {
            out += static_cast<char>(hex_escape(text, i));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace roost::mail
