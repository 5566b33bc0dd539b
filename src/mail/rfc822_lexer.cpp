#include "mail/rfc822_lexer.hpp"

#include <cstring>

namespace roost::mail {

bool is_mime_tspecial(char c) { return c != '\0' && std::strchr("()<>@,;:\\\"/[]?=", c) != nullptr; }

bool is_atext(char c) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) return true;
    if (u <= 0x20 || u == 0x7f) return false;
    return std::strchr("()<>[]:;@\\,.\"", c) == nullptr;
}

bool Rfc822Lexer::skip_cfws() {
    while (pos_ < text_.size()) {
        char c = text_[pos_];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            ++pos_;
        } else if (c == '(') {
            comment();
        } else {
            break;
        }
    }
    return !at_end();
}

bool Rfc822Lexer::accept(char c) {
    skip_cfws();
    if (peek() != c) return false;
    ++pos_;
    return true;
}

std::string_view Rfc822Lexer::token() {
    size_t start = pos_;
    while (pos_ < text_.size()) {
        auto u = static_cast<unsigned char>(text_[pos_]);
        if (u <= 0x20 || u == 0x7f || is_mime_tspecial(text_[pos_])) break;
        ++pos_;
    }
    return text_.substr(start, pos_ - start);
}

std::string_view Rfc822Lexer::atom() {
    size_t start = pos_;
    while (pos_ < text_.size() && is_atext(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
}

std::optional<std::string> Rfc822Lexer::quoted_string() {
    if (peek() != '"') return std::nullopt;
    ++pos_;
    std::string out;
    quote_closed_ = false;
    while (pos_ < text_.size()) {
        char c = text_[pos_++];
        if (c == '"') {
            quote_closed_ = true;
            return out;
        }
        if (c == '\\' && pos_ < text_.size()) {
            out += text_[pos_++];
        } else if (c != '\r' && c != '\n') {
            out += c;
        }
    }
    return out;
}

std::optional<std::string> Rfc822Lexer::comment() {
    if (peek() != '(') return std::nullopt;
    ++pos_;
    std::string out;
    int depth = 1;
    while (pos_ < text_.size()) {
        char c = text_[pos_++];
        if (c == '\\' && pos_ < text_.size()) {
            out += text_[pos_++];
            continue;
        }
        if (c == '(') ++depth;
        if (c == ')' && --depth == 0) break;
        if (c != '\r' && c != '\n') out += c;
    }
    return out;
}

}  // namespace roost::mail
