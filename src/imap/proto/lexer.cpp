// RFC 3501 §9 tokens: atom, quoted, literal, "(" list ")", and the fetch section form
// BODY[...]<...> kept as one token, since its brackets may hold spaces and lists.
#include "imap/proto/lexer.hpp"

#include "base/strings.hpp"

namespace roost::imap::proto {
namespace {

constexpr int kMaxDepth = 32;

bool is_ctl(unsigned char c) { return c < 0x20 || c == 0x7f; }

// RFC 3501 §9: tag = 1*<any ASTRING-CHAR except "+">
bool is_tag_char(unsigned char c) {
    if (is_ctl(c) || c >= 0x80) return false;
    switch (c) {
        case '(': case ')': case '{': case ' ': case '%': case '*': case '"': case '\\': case '+':
            return false;
        default:
            return true;
    }
}

// The prefixes after which "[" opens a section (RFC 3501 fetch-att, RFC 3516 BINARY).
bool opens_section(std::string_view atom) {
    return iequals(atom, "BODY") || iequals(atom, "BODY.PEEK") || iequals(atom, "BINARY") ||
           iequals(atom, "BINARY.PEEK") || iequals(atom, "BINARY.SIZE");
}

class Lexer {
public:
    Lexer(const std::vector<std::string>& segments, const std::vector<std::string>& literals, size_t start)
        : segments_(segments), literals_(literals), offset_(start) {}

    std::string error;

    // Reads tokens until `close` (')' or ']'; 0 for the end of the command).
    bool read_tokens(std::vector<Token>& out, char close, int depth) {
        if (depth > kMaxDepth) return fail("Too deeply nested");
        for (;;) {
            skip_spaces();
            if (at_segment_end()) {
                if (segment_ + 1 < segments_.size()) return fail("Internal framing error");
                if (close == 0) return true;
                return fail(close == ')' ? "Missing ')'" : "Missing ']'");
            }
            char c = peek();
            if (c == close) {
                ++offset_;
                return true;
            }
            if (c == ')') return fail("Unexpected ')'");
            Token token;
            if (!read_token(token, close, depth)) return false;
            out.push_back(std::move(token));
            // Tokens are separated by a space, or followed by the closing bracket.
            if (!at_segment_end() && peek() != ' ' && peek() != close)
                return fail(peek() == ')' ? "Unexpected ')'" : "Missing space after argument");
        }
    }

private:
    const std::string& current() const { return segments_[segment_]; }
    bool at_segment_end() const { return offset_ >= current().size(); }
    char peek() const { return current()[offset_]; }
    bool fail(const char* text) {
        if (error.empty()) error = text;
        return false;
    }
    void skip_spaces() {
        while (!at_segment_end() && peek() == ' ') ++offset_;
    }

    bool read_token(Token& token, char close, int depth) {
        char c = peek();
        if (c == '(') {
            ++offset_;
            token.kind = Token::Kind::List;
            return read_tokens(token.children, ')', depth + 1);
        }
        if (c == '"') return read_quoted(token);
        if (c == '{') return read_literal(token);
        return read_atom(token, close, depth);
    }

    bool read_quoted(Token& token) {
        token.kind = Token::Kind::Quoted;
        ++offset_;
        while (!at_segment_end()) {
            char c = peek();
            ++offset_;
            if (c == '"') return true;
            if (c == '\\') {
                // RFC 3501 §9: only quoted-specials may be escaped.
                if (at_segment_end()) break;
                char escaped = peek();
                if (escaped != '"' && escaped != '\\') return fail("Invalid escape in quoted string");
                ++offset_;
                token.text += escaped;
                continue;
            }
            if (c == '\0') return fail("NUL in quoted string");
            // RFC 3501 §9: QUOTED-CHAR is 7-bit; 8-bit text must come as a literal (RFC 6855
            // UTF8=ACCEPT relaxes this once enabled).
            if (static_cast<unsigned char>(c) >= 0x80) return fail("8-bit octet in quoted string");
            token.text += c;
        }
        return fail("Unterminated quoted string");
    }

    // The receiver only ends a segment with a literal announcement, so "{" here must be it.
    bool read_literal(Token& token) {
        size_t close = current().find('}', offset_);
        if (close == std::string::npos || close + 1 != current().size() || segment_ + 1 >= segments_.size())
            return fail("Invalid literal");
        token.kind = Token::Kind::Literal;
        token.text = literals_[segment_];
        ++segment_;
        offset_ = 0;
        return true;
    }

    bool read_atom(Token& token, char close, int depth) {
        token.kind = Token::Kind::Atom;
        while (!at_segment_end()) {
            unsigned char c = static_cast<unsigned char>(peek());
            if (c == ' ' || c == '(' || c == ')') break;
            if (c == ']' && close == ']') break;
            if (c == '[' && opens_section(token.text)) {
                ++offset_;
                return read_section(token, depth);
            }
            if (is_ctl(c) || c == '"' || c == '{') return fail("Invalid characters in atom");
            token.text += static_cast<char>(c);
            ++offset_;
        }
        if (token.text.empty()) return fail("Empty atom");
        return true;
    }

    // After "BODY[": the section tokens, "]", then an optional "<partial>".
    bool read_section(Token& token, int depth) {
        token.kind = Token::Kind::Section;
        if (!read_tokens(token.children, ']', depth + 1)) return false;
        if (!at_segment_end() && peek() == '<') {
            size_t end = current().find('>', offset_);
            if (end == std::string::npos) return fail("Missing '>'");
            token.partial = current().substr(offset_ + 1, end - offset_ - 1);
            offset_ = end + 1;
        }
        return true;
    }

    const std::vector<std::string>& segments_;
    const std::vector<std::string>& literals_;
    size_t segment_ = 0;
    size_t offset_ = 0;
};

}  // namespace

std::string extract_tag(std::string_view line) {
    size_t end = 0;
    while (end < line.size() && line[end] != ' ') {
        if (!is_tag_char(static_cast<unsigned char>(line[end]))) return "";
        ++end;
    }
    return std::string(line.substr(0, end));
}

std::variant<Request, ParseError> lex_command(const std::vector<std::string>& segments,
                                              const std::vector<std::string>& literals) {
    Request request;
    request.tag = extract_tag(segments.front());
    if (request.tag.empty()) return ParseError{"", "Invalid tag"};
    if (segments.front().size() <= request.tag.size() + 1) return ParseError{request.tag, "Missing command"};

    // The tag is not a token of its own (it may hold "[" etc.), so lex from after it.
    Lexer rest(segments, literals, request.tag.size() + 1);
    std::vector<Token> tokens;
    if (!rest.read_tokens(tokens, 0, 0)) return ParseError{request.tag, rest.error};
    if (tokens.empty() || !tokens.front().is_atom()) return ParseError{request.tag, "Missing command"};

    request.command = ascii_upper(tokens.front().text);
    tokens.erase(tokens.begin());
    if (request.command == "UID" && !tokens.empty() && tokens.front().is_atom()) {
        request.command += " " + ascii_upper(tokens.front().text);
        tokens.erase(tokens.begin());
    }
    request.args = std::move(tokens);
    return request;
}

bool Token::is_nil() const { return kind == Kind::Atom && iequals(text, "NIL"); }
bool Token::is_word(const char* word) const { return kind == Kind::Atom && iequals(text, word); }

}  // namespace roost::imap::proto
