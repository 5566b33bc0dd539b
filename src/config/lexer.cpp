#include "config/lexer.hpp"

namespace roost::config::lexer {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

size_t skip_spaces(std::string_view s, size_t i) {
    while (i < s.size() && is_space(s[i])) ++i;
    return i;
}

// After a value, `}` or `{`, only spaces and a comment may follow.
bool only_comment_left(std::string_view s, size_t i) {
    i = skip_spaces(s, i);
    return i == s.size() || s[i] == '#';
}

struct Value {
    std::string text;
    bool quoted = false;
};

// A quoted string starting at s[i] (which is " or '). Inside, a backslash takes the next
// character literally, so `\"` and `\\` are the only escapes anyone needs. On success `i`
// points just past the closing quote.
Result<std::string> read_quoted(std::string_view s, size_t& i) {
    const char quote = s[i++];
    std::string out;
    while (i < s.size()) {
        char c = s[i++];
        if (c == quote) return out;
        if (c == '\\' && i < s.size()) c = s[i++];
        out += c;
    }
    return make_error(std::string("missing closing ") + quote);
}

// The value part of `key = value`: to the end of the line, trimmed. A `#` starts a comment
// only at the start or after a space, as in Dovecot, so `a#b` stays a value.
Result<Value> read_value(std::string_view s, size_t i) {
    i = skip_spaces(s, i);
    if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
        auto text = read_quoted(s, i);
        if (!text) return text.error();
        if (!only_comment_left(s, i)) return make_error("unexpected text after the closing quote");
        return Value{std::move(*text), true};
    }
    size_t end = i;
    for (size_t j = i; j < s.size(); ++j) {
        if (s[j] == '#' && (j == i || is_space(s[j - 1]))) break;
        if (!is_space(s[j])) end = j + 1;
    }
    return Value{std::string(s.substr(i, end - i)), false};
}

Result<Line> lex_include(std::string_view s, size_t i) {
    size_t word_end = i;
    while (word_end < s.size() && !is_space(s[word_end])) ++word_end;
    std::string_view word = s.substr(i, word_end - i);
    Line line;
    line.kind = Line::Kind::Include;
    if (word == "!include_try") {
        line.include_try = true;
    } else if (word != "!include") {
        return make_error("unknown directive '" + std::string(word) + "'");
    }
    auto value = read_value(s, word_end);
    if (!value) return value.error();
    if (value->text.empty()) return make_error(std::string(word) + " needs a file name or pattern");
    line.value = std::move(value->text);
    line.quoted = value->quoted;
    return line;
}

// `type [name] {` where name may be quoted.
Result<Line> lex_section(std::string key, std::string_view s, size_t i) {
    Line line;
    line.kind = Line::Kind::SectionOpen;
    line.key = std::move(key);
    if (s[i] == '"' || s[i] == '\'') {
        auto name = read_quoted(s, i);
        if (!name) return name.error();
        line.value = std::move(*name);
    } else if (s[i] != '{') {
        size_t start = i;
        while (i < s.size() && !is_space(s[i]) && s[i] != '{') ++i;
        line.value = std::string(s.substr(start, i - start));
    }
    i = skip_spaces(s, i);
    if (i >= s.size() || s[i] != '{')
        return make_error("expected '=' or '{' after '" + line.key + "'" +
                          (line.value.empty() ? "" : " '" + line.value + "'"));
    if (!only_comment_left(s, i + 1))
        return make_error("a section's contents start on the line after '{'");
    return line;
}

}  // namespace

bool is_key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
}

Result<Line> lex_line(std::string_view s) {
    if (!s.empty() && s.back() == '\r') s.remove_suffix(1);  // files edited on Windows
    size_t i = skip_spaces(s, 0);
    if (i == s.size() || s[i] == '#') return Line{};
    if (s[i] == '!') return lex_include(s, i);
    if (s[i] == '}') {
        if (!only_comment_left(s, i + 1)) return make_error("unexpected text after '}'");
        Line line;
        line.kind = Line::Kind::SectionClose;
        return line;
    }
    size_t key_start = i;
    while (i < s.size() && is_key_char(s[i])) ++i;
    if (i == key_start) return make_error("expected a setting name, found '" + std::string(1, s[i]) + "'");
    std::string key(s.substr(key_start, i - key_start));
    i = skip_spaces(s, i);
    if (i == s.size()) return make_error("expected '=' or '{' after '" + key + "'");
    if (s[i] != '=') return lex_section(std::move(key), s, i);

    Line line;
    line.kind = Line::Kind::Setting;
    line.key = std::move(key);
    size_t value_start = skip_spaces(s, i + 1);
    // `key = <path` (Dovecot): the value is the content of the file. The path itself may be
    // quoted (a Roost addition, for paths with spaces, '#' or '$').
    if (value_start < s.size() && s[value_start] == '<') {
        line.file_ref = true;
        value_start += 1;
    }
    auto value = read_value(s, value_start);
    if (!value) return value.error();
    if (line.file_ref && value->text.empty()) return make_error("'<' needs a file name");
    line.value = std::move(value->text);
    line.quoted = value->quoted;
    return line;
}

std::string quote_value(std::string_view value) {
    bool bare = true;
    if (!value.empty() && (is_space(value.front()) || is_space(value.back()) || value.front() == '<' ||
                           value.front() == '"' || value.front() == '\''))
        bare = false;
    for (size_t i = 0; bare && i < value.size(); ++i) {
        char c = value[i];
        // `$` would be expanded, `#` may start a comment, `\` and control characters are
        // only safe inside quotes.
        if (c == '$' || c == '#' || c == '\\' || static_cast<unsigned char>(c) < 0x20) bare = false;
    }
    if (bare) return std::string(value);
    std::string out = "\"";
    for (char c : value) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
    return out;
}

}  // namespace roost::config::lexer
