#include "imap/proto/writer.hpp"

#include "base/strings.hpp"

namespace roost::imap::proto {
namespace {

// Longer strings go out as literals: some clients limit the length of quoted strings.
constexpr size_t kMaxQuoted = 1024;

// RFC 3501 §9: ASTRING-CHAR = ATOM-CHAR / resp-specials
bool is_astring_char(unsigned char c) {
    if (c <= 0x20 || c >= 0x7f) return false;
    switch (c) {
        case '(': case ')': case '{': case '%': case '*': case '"': case '\\':
            return false;
        default:
            return true;
    }
}

}  // namespace

bool quotable(std::string_view text) {
    if (text.size() > kMaxQuoted) return false;
    size_t escapes = 0;
    for (unsigned char c : text) {
        if (c == '\0' || c == '\r' || c == '\n' || c >= 0x80) return false;
        // More than four characters to escape: a literal reads better (Dovecot's rule too,
        // which clients caching ENVELOPE byte for byte then see unchanged).
        if ((c == '"' || c == '\\') && ++escapes > 4) return false;
    }
    return true;
}

void append_literal(std::string& out, std::string_view octets) {
    out += '{';
    out += std::to_string(octets.size());
    out += "}\r\n";
    out.append(octets);
}

void append_string(std::string& out, std::string_view text) {
    if (!quotable(text)) return append_literal(out, text);
    out += '"';
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
}

void append_human_string(std::string& out, std::string_view text) {
    std::string clean;
    clean.reserve(text.size());
    bool needs_literal = false;
    for (char c : text) {
        if (c == '\r' || c == '\n') continue;
        if (c == ' ' || c == '\t') {
            if (!clean.empty() && clean.back() != ' ') clean += ' ';
            continue;
        }
        if (c == '"' || c == '\\' || static_cast<unsigned char>(c) >= 0x80) needs_literal = true;
        clean += c;
    }
    if (!clean.empty() && clean.back() == ' ') clean.pop_back();
    if (clean.empty()) {
        out += "\"\"";
    } else if (needs_literal || clean != text) {
        append_literal(out, clean);
    } else {
        append_string(out, clean);
    }
}

void append_astring(std::string& out, std::string_view text) {
    bool atom = !text.empty() && !iequals(text, "NIL");
    for (unsigned char c : text)
        if (!is_astring_char(c)) atom = false;
    if (atom)
        out.append(text);
    else
        append_string(out, text);
}

void append_nstring(std::string& out, const std::optional<std::string_view>& text) {
    if (!text)
        out += "NIL";
    else
        append_string(out, *text);
}

void append_list(std::string& out, const std::vector<std::string>& items) {
    out += '(';
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += ' ';
        out += items[i];
    }
    out += ')';
}

std::string untagged(std::string_view text) {
    std::string line = "* ";
    line.append(text).append("\r\n");
    return line;
}

std::string tagged(std::string_view tag, std::string_view status, std::string_view code, std::string_view text) {
    std::string line(tag);
    line.append(" ").append(status);
    if (!code.empty()) line.append(" [").append(code).append("]");
    line.append(" ").append(text).append("\r\n");
    return line;
}

std::string continuation(std::string_view text) {
    std::string line = "+ ";
    line.append(text).append("\r\n");
    return line;
}

}  // namespace roost::imap::proto
