#include "mail/casefold.hpp"

#include <algorithm>
#include <cstdint>

#include "mail/charset.hpp"

namespace roost::mail {
namespace {

struct FoldEntry {
    char32_t code;
    uint32_t offset;
    uint8_t length;
};

#include "mail/casefold_table.inc"

// Unicode §3.12 Hangul syllable decomposition.
constexpr char32_t kHangulFirst = 0xAC00, kHangulLast = 0xD7A3;
constexpr char32_t kLeadBase = 0x1100, kVowelBase = 0x1161, kTrailBase = 0x11A7;
constexpr char32_t kVowelCount = 21, kTrailCount = 28;

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

// Decodes the (valid) UTF-8 sequence at text[at], advancing `at`.
char32_t next_code_point(std::string_view text, size_t& at) {
    auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    unsigned char lead = byte(at);
    if (lead < 0x80) return text[at++];
    int length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    char32_t c = lead & (0x7F >> length);
    for (int i = 1; i < length; ++i) c = (c << 6) | (byte(at + i) & 0x3F);
    at += length;
    return c;
}

void append_folded(std::string& out, char32_t c) {
    if (c >= kHangulFirst && c <= kHangulLast) {
        char32_t index = c - kHangulFirst;
        append_utf8(out, kLeadBase + index / (kVowelCount * kTrailCount));
        append_utf8(out, kVowelBase + index % (kVowelCount * kTrailCount) / kTrailCount);
        if (index % kTrailCount != 0) append_utf8(out, kTrailBase + index % kTrailCount);
        return;
    }
    auto entry = std::lower_bound(std::begin(kFoldEntries), std::end(kFoldEntries), c,
                                  [](const FoldEntry& e, char32_t value) { return e.code < value; });
    if (entry == std::end(kFoldEntries) || entry->code != c) return append_utf8(out, c);
    for (uint8_t i = 0; i < entry->length; ++i) append_utf8(out, kFoldPool[entry->offset + i]);
}

}  // namespace

std::string casefold(std::string_view utf8) {
    std::string valid = valid_utf8(utf8);
    std::string out;
    out.reserve(valid.size());
    size_t at = 0;
    while (at < valid.size()) {
        unsigned char c = static_cast<unsigned char>(valid[at]);
        if (c < 0x80) {  // the common case, without the table
            out += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
            ++at;
            continue;
        }
        append_folded(out, next_code_point(valid, at));
    }
    return out;
}

}  // namespace roost::mail
