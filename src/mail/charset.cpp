#include "mail/charset.hpp"

#include <iconv.h>

#include <cerrno>

#include "base/strings.hpp"

namespace roost::mail {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

void append_replacement(std::string& out) {
    if (out.size() >= kReplacement.size() && std::string_view(out).substr(out.size() - kReplacement.size()) == kReplacement)
        return;
    out += kReplacement;
}

// Length of the valid UTF-8 sequence at `data[at]`, or 0 (RFC 3629 §4: no overlong forms,
// no surrogates, nothing above U+10FFFF).
size_t utf8_sequence_length(std::string_view data, size_t at) {
    auto byte = [&](size_t i) { return static_cast<unsigned char>(data[i]); };
    unsigned char lead = byte(at);
    if (lead < 0x80) return 1;
    size_t length;
    unsigned char min_second = 0x80, max_second = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) min_second = 0xA0;
        if (lead == 0xED) max_second = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) min_second = 0x90;
        if (lead == 0xF4) max_second = 0x8F;
    } else {
        return 0;
    }
    if (at + length > data.size()) return 0;
    if (byte(at + 1) < min_second || byte(at + 1) > max_second) return 0;
    for (size_t i = 2; i < length; ++i)
        if ((byte(at + i) & 0xC0) != 0x80) return 0;
    return length;
}

// A handle that closes itself.
class Converter {
public:
    explicit Converter(std::string_view charset) : handle_(iconv_open("UTF-8", std::string(charset).c_str())) {}
    ~Converter() {
        if (ok()) iconv_close(handle_);
    }
    Converter(const Converter&) = delete;
    Converter& operator=(const Converter&) = delete;
    bool ok() const { return handle_ != reinterpret_cast<iconv_t>(-1); }
    iconv_t get() const { return handle_; }

private:
    iconv_t handle_;
};

}  // namespace

bool is_utf8_compatible(std::string_view charset) {
    return iequals(charset, "UTF-8") || iequals(charset, "UTF8") || iequals(charset, "US-ASCII") ||
           iequals(charset, "ASCII") || iequals(charset, "ANSI_X3.4-1968");
}

bool charset_known(std::string_view charset) {
    return is_utf8_compatible(charset) || (!charset.empty() && Converter(charset).ok());
}

std::optional<std::string> charset_to_utf8(std::string_view data, std::string_view charset) {
    if (is_utf8_compatible(charset)) return valid_utf8(data);
    if (charset.empty()) return std::nullopt;
    Converter converter(charset);
    if (!converter.ok()) return std::nullopt;
    std::string out;
    out.reserve(data.size() + data.size() / 2);
    char buffer[4096];
    char* in = const_cast<char*>(data.data());
    size_t in_left = data.size();
    while (in_left > 0) {
        char* out_ptr = buffer;
        size_t out_left = sizeof buffer;
        size_t result = iconv(converter.get(), &in, &in_left, &out_ptr, &out_left);
        int error = errno;
        out.append(buffer, static_cast<size_t>(out_ptr - buffer));
        if (result != static_cast<size_t>(-1)) break;
        if (error == E2BIG) continue;
        // EILSEQ: an octet the charset does not have; EINVAL: a sequence cut at the end.
        append_replacement(out);
        ++in;
        --in_left;
        iconv(converter.get(), nullptr, nullptr, nullptr, nullptr);  // reset the shift state
    }
    char* out_ptr = buffer;
    size_t out_left = sizeof buffer;
    iconv(converter.get(), nullptr, nullptr, &out_ptr, &out_left);  // flush a stateful charset
    out.append(buffer, static_cast<size_t>(out_ptr - buffer));
    return out;
}

std::string valid_utf8(std::string_view data) {
    std::string out;
    out.reserve(data.size());
    size_t i = 0;
    while (i < data.size()) {
        size_t length = utf8_sequence_length(data, i);
        if (length == 0) {
            append_replacement(out);
            ++i;
            continue;
        }
        out.append(data.substr(i, length));
        i += length;
    }
    return out;
}

}  // namespace roost::mail
