// RFC 3501 §5.1.3 modified UTF-7. Printable US-ASCII (0x20-0x7e) stands for itself except
// '&', which is written "&-"; every other character is UTF-16BE in a modified BASE64
// (',' instead of '/', no '=' padding) between '&' and '-'.
//
// Decoding is strict because the same decoder maps on-disk folder names back to UTF-8: two
// spellings of one name would let two directories claim the same mailbox. So besides the
// RFC's explicit rules, an input is accepted only when it is the canonical encoding of what it
// decodes to (no adjacent shifts, no non-zero padding bits, no needless shift).
#include "mail/mutf7.hpp"

#include <cstdint>
#include <vector>

namespace roost::mail {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";
constexpr char32_t kReplacement = 0xFFFD;

bool is_direct(char32_t c) { return c >= 0x20 && c <= 0x7e; }

int base64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == ',') return 63;
    return -1;
}

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
// Each malformed sequence becomes one U+FFFD, so the encoder never fails and a name with bad
// UTF-8 cannot survive a round trip (callers validate with one).
std::vector<char32_t> decode_utf8(std::string_view s) {
    std::vector<char32_t> out;
    size_t i = 0;
    while (i < s.size()) {
        auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            out.push_back(b);
            ++i;
            continue;
        }
        size_t len = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if ((b & 0xE0) == 0xC0) {
            len = 2, cp = b & 0x1F, min = 0x80;
        } else if ((b & 0xF0) == 0xE0) {
            len = 3, cp = b & 0x0F, min = 0x800;
        } else if ((b & 0xF8) == 0xF0) {
            len = 4, cp = b & 0x07, min = 0x10000;
        } else {
            out.push_back(kReplacement);
            ++i;
            continue;
        }
        bool ok = i + len <= s.size();
        for (size_t k = 1; ok && k < len; ++k) {
            auto cont = static_cast<unsigned char>(s[i + k]);
            if ((cont & 0xC0) != 0x80) ok = false;
            cp = (cp << 6) | (cont & 0x3F);
        }
        if (!ok || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            out.push_back(kReplacement);
            ++i;
            continue;
        }
        out.push_back(cp);
        i += len;
    }
    return out;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

void encode_run(std::string& out, const std::vector<char32_t>& run) {
    std::vector<uint16_t> units;
    for (char32_t cp : run) {
        if (cp >= 0x10000) {
            cp -= 0x10000;
            units.push_back(static_cast<uint16_t>(0xD800 | (cp >> 10)));
            units.push_back(static_cast<uint16_t>(0xDC00 | (cp & 0x3FF)));
        } else {
            units.push_back(static_cast<uint16_t>(cp));
        }
    }
    out += '&';
    uint32_t bits = 0;
    int nbits = 0;
    for (uint16_t u : units) {
        bits = (bits << 16) | u;
        nbits += 16;
        while (nbits >= 6) {
            nbits -= 6;
            out += kAlphabet[(bits >> nbits) & 0x3F];
        }
        bits &= (1u << nbits) - 1;
    }
    if (nbits > 0) out += kAlphabet[(bits << (6 - nbits)) & 0x3F];
    out += '-';
}

// Decodes the base64 between '&' and '-' into code points; nullopt on any violation.
std::optional<std::vector<char32_t>> decode_run(std::string_view b64) {
    std::vector<uint16_t> units;
    uint32_t bits = 0;
    int nbits = 0;
    for (char c : b64) {
        int v = base64_value(c);
        if (v < 0) return std::nullopt;
        bits = (bits << 6) | static_cast<uint32_t>(v);
        nbits += 6;
        if (nbits >= 16) {
            nbits -= 16;
            units.push_back(static_cast<uint16_t>(bits >> nbits));
            bits &= (1u << nbits) - 1;
        }
    }
    // Leftover bits are padding: fewer than 6 and all zero, or the input was cut mid-unit.
    if (nbits >= 6 || bits != 0) return std::nullopt;
    std::vector<char32_t> cps;
    for (size_t i = 0; i < units.size(); ++i) {
        char32_t u = units[i];
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (i + 1 >= units.size() || units[i + 1] < 0xDC00 || units[i + 1] > 0xDFFF) return std::nullopt;
            cps.push_back(0x10000 + ((u - 0xD800) << 10) + (units[i + 1] - 0xDC00));
            ++i;
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            return std::nullopt;  // unpaired low surrogate
        } else if (is_direct(u) || u == 0) {
            return std::nullopt;  // §5.1.3: printable ASCII MUST NOT be encoded; NUL never names
        } else {
            cps.push_back(u);
        }
    }
    return cps;
}

}  // namespace

std::string utf8_to_mutf7(std::string_view utf8) {
    std::string out;
    std::vector<char32_t> run;
    for (char32_t cp : decode_utf8(utf8)) {
        if (is_direct(cp)) {
            if (!run.empty()) {
                encode_run(out, run);
                run.clear();
            }
            if (cp == '&')
                out += "&-";
            else
                out += static_cast<char>(cp);
        } else {
            run.push_back(cp);
        }
    }
    if (!run.empty()) encode_run(out, run);
    return out;
}

std::optional<std::string> mutf7_to_utf8(std::string_view mutf7) {
    std::string out;
    size_t i = 0;
    while (i < mutf7.size()) {
        char c = mutf7[i];
        if (!is_direct(static_cast<unsigned char>(c))) return std::nullopt;
        if (c != '&') {
            out += c;
            ++i;
            continue;
        }
        size_t end = mutf7.find('-', i + 1);
        if (end == std::string_view::npos) return std::nullopt;  // shift never terminated
        if (end == i + 1) {
            out += '&';
        } else {
            auto cps = decode_run(mutf7.substr(i + 1, end - i - 1));
            if (!cps || cps->empty()) return std::nullopt;
            for (char32_t cp : *cps) append_utf8(out, cp);
        }
        i = end + 1;
    }
    // Canonical form only (see the file comment): catches "&AGE-&AGI-" split shifts.
    if (utf8_to_mutf7(out) != mutf7) return std::nullopt;
    return out;
}

}  // namespace roost::mail
