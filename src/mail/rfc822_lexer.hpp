// A cursor over a structured header value (RFC 5322 §3.2, RFC 2045 §5.1): comments and folding
// whitespace (CFWS), atoms, MIME tokens, quoted strings. Shared by the Content-* parsers and the
// address parser. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace roost::mail {

class Rfc822Lexer {
public:
    explicit Rfc822Lexer(std::string_view text) : text_(text) {}

    // Skips whitespace, CR/LF and (nested) comments. Returns false at the end of the text.
    bool skip_cfws();
    bool at_end() const { return pos_ >= text_.size(); }
    char peek() const { return at_end() ? '\0' : text_[pos_]; }
    // Consumes `c` (after CFWS) when it is next.
    bool accept(char c);
    size_t position() const { return pos_; }
    void set_position(size_t pos) { pos_ = pos; }
    std::string_view text() const { return text_; }

    // RFC 2045 §5.1 token: 1*<any CHAR except SPACE, CTLs and tspecials>; 8-bit octets are
    // accepted, as real mail has them. Empty when none.
    std::string_view token();
    // RFC 5322 atom: 1*atext (8-bit accepted). Empty when none.
    std::string_view atom();
    // RFC 5322 quoted-string with its quoted-pairs undone and CRLF removed; nullopt when the
    // next octet is not '"'. An unterminated string runs to the end (see last_quote_closed).
    std::optional<std::string> quoted_string();
    // Whether the last quoted_string() found its closing '"'.
    bool last_quote_closed() const { return quote_closed_; }
    // A comment's text, for "(comment)" contents; nullopt when the next octet is not '('.
    std::optional<std::string> comment();

private:
    std::string_view text_;
    size_t pos_ = 0;
    bool quote_closed_ = true;
};

bool is_mime_tspecial(char c);
bool is_atext(char c);

}  // namespace roost::mail
