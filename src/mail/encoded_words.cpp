#include "mail/encoded_words.hpp"

#include <optional>

#include "mail/charset.hpp"
#include "mail/transfer_encoding.hpp"

namespace roost::mail {
namespace {

struct EncodedWord {
    size_t end = 0;  // offset just past "?="
    std::string text;
};

// The encoded word starting at `at` ("=?"), or nullopt when it is not well-formed.
std::optional<EncodedWord> read_encoded_word(std::string_view value, size_t at) {
    size_t charset_end = value.find('?', at + 2);
    if (charset_end == std::string_view::npos || charset_end == at + 2) return std::nullopt;
    if (charset_end + 2 >= value.size() || value[charset_end + 2] != '?') return std::nullopt;
    char encoding = value[charset_end + 1];
    size_t text_start = charset_end + 3;
    size_t text_end = value.find("?=", text_start);
    if (text_end == std::string_view::npos) return std::nullopt;
    std::string_view encoded = value.substr(text_start, text_end - text_start);
    // An encoded word holds no whitespace (RFC 2047 §2).
    if (encoded.find_first_of(" \t\r\n") != std::string_view::npos) return std::nullopt;

    std::string octets;
    if (encoding == 'B' || encoding == 'b')
        octets = decode_base64(encoded);
    else if (encoding == 'Q' || encoding == 'q')
        octets = decode_q_encoding(encoded);
    else
        return std::nullopt;

    std::string_view charset = value.substr(at + 2, charset_end - at - 2);
    charset = charset.substr(0, charset.find('*'));  // RFC 2231 §5 language suffix
    auto utf8 = charset_to_utf8(octets, charset);
    return EncodedWord{text_end + 2, utf8 ? std::move(*utf8) : valid_utf8(octets)};
}

}  // namespace

std::string decode_encoded_words(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    size_t pos = 0;
    size_t plain_start = 0;           // start of text not yet copied
    bool after_encoded_word = false;  // the text before plain_start ends with an encoded word
    while (pos < value.size()) {
        size_t at = value.find("=?", pos);
        if (at == std::string_view::npos) break;
        auto word = read_encoded_word(value, at);
        if (!word) {
            pos = at + 2;
            continue;
        }
        std::string_view between = value.substr(plain_start, at - plain_start);
        bool only_space = between.find_first_not_of(" \t\r\n") == std::string_view::npos;
        if (!(after_encoded_word && only_space)) out += valid_utf8(between);
        out += word->text;
        pos = plain_start = word->end;
        after_encoded_word = true;
    }
    out += valid_utf8(value.substr(plain_start));
    return out;
}

}  // namespace roost::mail
