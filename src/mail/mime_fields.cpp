#include "mail/mime_fields.hpp"

#include <algorithm>
#include <map>

#include "base/strings.hpp"
#include "mail/rfc822_lexer.hpp"

namespace roost::mail {
namespace {

struct Rfc2231Piece {
    int index = 0;
    bool extended = false;
    std::string value;
};

struct Rfc2231Param {
    std::string name;  // as written in its first piece
    std::vector<Rfc2231Piece> pieces;
};

// Splits "name*3*" into ("name", 3, extended) and "name*" into ("name", -1, extended).
// Returns false for a plain name.
bool split_rfc2231_name(std::string_view attribute, std::string_view& base, int& index, bool& extended) {
    size_t star = attribute.find('*');
    if (star == std::string_view::npos) return false;
    base = attribute.substr(0, star);
    std::string_view rest = attribute.substr(star + 1);
    extended = false;
    index = -1;
    if (rest.empty()) {
        extended = true;
        return true;
    }
    if (rest.back() == '*') {
        extended = true;
        rest.remove_suffix(1);
    }
    if (rest.empty() || rest.size() > 4) return false;
    int n = 0;
    for (char c : rest) {
        if (c < '0' || c > '9') return false;
        n = n * 10 + (c - '0');
    }
    index = n;
    return true;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::vector<MimeParam> parse_params(std::string_view text) {
    std::vector<MimeParam> plain;
    std::vector<Rfc2231Param> extended;
    Rfc822Lexer lex(text);
    while (lex.skip_cfws()) {
        if (!lex.accept(';')) {
            // Junk between parameters: skip to the next ';'.
            size_t semi = text.find(';', lex.position());
            if (semi == std::string_view::npos) break;
            lex.set_position(semi);
            continue;
        }
        lex.skip_cfws();
        // An empty attribute ("=x") is kept, as Dovecot keeps it; no '=' drops the parameter.
        std::string attribute(lex.token());
        if (!lex.accept('=')) continue;
        lex.skip_cfws();
        std::string value;
        if (auto quoted = lex.quoted_string()) {
            if (!lex.last_quote_closed()) break;  // an unterminated value is dropped
            value = std::move(*quoted);
        } else {
            value = std::string(lex.token());
        }
        std::string_view base;
        int index = 0;
        bool is_extended = false;
        if (!split_rfc2231_name(attribute, base, index, is_extended)) {
            plain.push_back({std::move(attribute), std::move(value)});
            continue;
        }
        auto found = std::find_if(extended.begin(), extended.end(),
                                  [&](const Rfc2231Param& p) { return iequals(p.name, base); });
        if (found == extended.end()) {
            extended.push_back({std::string(base), {}});
            found = extended.end() - 1;
        }
        found->pieces.push_back({index, is_extended, std::move(value)});
    }
    // RFC 2231 §3: pieces are joined in numeric order whatever order they came in.
    std::stable_sort(extended.begin(), extended.end(),
                     [](const Rfc2231Param& a, const Rfc2231Param& b) { return ascii_lower(a.name) < ascii_lower(b.name); });
    for (auto& param : extended) {
        std::stable_sort(param.pieces.begin(), param.pieces.end(),
                         [](const Rfc2231Piece& a, const Rfc2231Piece& b) { return a.index < b.index; });
        MimeParam joined{param.name, ""};
        bool any_extended = false;
        for (const auto& piece : param.pieces) {
            any_extended = any_extended || piece.extended;
            joined.value += piece.value;
        }
        if (any_extended) joined.name += '*';
        plain.push_back(std::move(joined));
    }
    return plain;
}

std::optional<std::string> decoded_param(const std::vector<MimeParam>& params, std::string_view name,
                                         std::string* charset) {
    for (const auto& param : params) {
        if (iequals(param.name, name)) {
            if (charset) charset->clear();
            return param.value;
        }
        if (param.name.size() == name.size() + 1 && param.name.back() == '*' &&
            iequals(std::string_view(param.name).substr(0, name.size()), name)) {
            // RFC 2231 §4: charset'language'%XX-encoded-octets
            std::string_view value = param.value;
            size_t first = value.find('\'');
            size_t second = first == std::string_view::npos ? first : value.find('\'', first + 1);
            if (second != std::string_view::npos) {
                if (charset) *charset = std::string(value.substr(0, first));
                value = value.substr(second + 1);
            }
            std::string out;
            for (size_t i = 0; i < value.size(); ++i) {
                int hi = 0, lo = 0;
                if (value[i] == '%' && i + 2 < value.size() + 0 && (hi = hex_digit(value[i + 1])) >= 0 &&
                    (lo = hex_digit(value[i + 2])) >= 0) {
                    out += static_cast<char>(hi * 16 + lo);
                    i += 2;
                } else {
                    out += value[i];
                }
            }
            return out;
        }
    }
    return std::nullopt;
}

ContentType parse_content_type(std::string_view value) {
    ContentType ct;
    Rfc822Lexer lex(value);
    lex.skip_cfws();
    std::string_view type = lex.token();
    if (type.empty()) return ct;
    if (lex.accept('/')) {
        lex.skip_cfws();
        std::string_view subtype = lex.token();
        // Only parameters may follow: "TEXT/PLAIN charset=x" (no ';') is broken as a whole.
        if (lex.skip_cfws() && lex.peek() != ';') return ct;
        ct.type = std::string(type);
        ct.subtype = std::string(subtype);
        ct.params = parse_params(value.substr(lex.position()));
    } else if (!lex.skip_cfws()) {
        ct.type = std::string(type);  // "text" alone: a type without subtype
    }
    // Anything else ("text; charset=x") is broken: no type, no parameters.
    return ct;
}

ContentDisposition parse_content_disposition(std::string_view value) {
    ContentDisposition cd;
    Rfc822Lexer lex(value);
    lex.skip_cfws();
    cd.type = std::string(lex.token());
    cd.params = parse_params(value.substr(lex.position()));
    return cd;
}

namespace {

std::vector<std::string> parse_language(std::string_view value) {
    std::vector<std::string> tags;
    Rfc822Lexer lex(value);
    while (lex.skip_cfws()) {
        std::string_view tag = lex.token();
        if (!tag.empty()) tags.emplace_back(tag);
        lex.skip_cfws();
        if (!lex.accept(',') && tag.empty()) break;
    }
    return tags;
}

std::string token_value(std::string_view value) {
    Rfc822Lexer lex(value);
    lex.skip_cfws();
    return std::string(lex.token());
}

// Raw, unfolded; trailing whitespace stays (as Dovecot serves it).
std::string raw_value(std::string_view value) { return unfold(value); }

}  // namespace

MimeFields parse_mime_fields(const std::vector<HeaderField>& fields) {
    MimeFields mime;
    for (const auto& field : fields) {
        std::string_view name = field.name;
        if (name.size() < 8 || !iequals(name.substr(0, 8), "Content-")) continue;
        std::string_view suffix = name.substr(8);
        // The first occurrence of each field counts.
        if (iequals(suffix, "Type")) {
            if (!mime.content_type) mime.content_type = parse_content_type(field.value);
        } else if (iequals(suffix, "Transfer-Encoding")) {
            if (!mime.transfer_encoding) mime.transfer_encoding = token_value(field.value);
        } else if (iequals(suffix, "ID")) {
            if (!mime.id) mime.id = raw_value(field.value);
        } else if (iequals(suffix, "Description")) {
            if (!mime.description) mime.description = raw_value(field.value);
        } else if (iequals(suffix, "MD5")) {
            if (!mime.md5) mime.md5 = raw_value(field.value);
        } else if (iequals(suffix, "Location")) {
            if (!mime.location) mime.location = raw_value(field.value);
        } else if (iequals(suffix, "Disposition")) {
            if (!mime.disposition) mime.disposition = parse_content_disposition(field.value);
        } else if (iequals(suffix, "Language")) {
            if (mime.language.empty()) mime.language = parse_language(field.value);
        }
    }
    return mime;
}

}  // namespace roost::mail
