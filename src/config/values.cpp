#include "config/values.hpp"

#include <algorithm>
#include <arpa/inet.h>

#include "base/strings.hpp"

namespace roost::config::values {

std::optional<bool> parse_bool(std::string_view text) {
    if (iequals(text, "yes")) return true;
    if (iequals(text, "no")) return false;
    return std::nullopt;
}

std::optional<uint16_t> parse_port(std::string_view text) {
    auto n = parse_decimal(text, 65535);
    if (!n) return std::nullopt;
    return static_cast<uint16_t>(*n);
}

bool is_listen_address(std::string_view text) {
    if (text.empty()) return false;
    if (text == "*" || text == "::") return true;
    std::string s(text);
    unsigned char buf[16];
    if (::inet_pton(AF_INET, s.c_str(), buf) == 1 || ::inet_pton(AF_INET6, s.c_str(), buf) == 1) return true;
    // A host name (RFC 1123 §2.1 letters, digits, hyphens and dots). This also rejects
    // "1.2.3.4:143": ports belong in inet_listener, not in addresses.
    bool has_letter = false;
    for (char c : text) {
        bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        has_letter = has_letter || letter;
        if (!letter && !(c >= '0' && c <= '9') && c != '-' && c != '.') return false;
    }
    return has_letter && text.front() != '-' && text.front() != '.';
}

Result<std::vector<std::string>> parse_address_list(std::string_view text) {
    std::vector<std::string> out;
    for (auto field : split(text, ',')) {
        for (auto word : split_words(field)) {
            if (!is_listen_address(word)) return make_error("'" + std::string(word) + "' is not an address");
            if (std::find(out.begin(), out.end(), word) == out.end()) out.emplace_back(word);
        }
    }
    return out;
}

std::vector<std::string> parse_word_list(std::string_view text) {
    std::vector<std::string> out;
    for (auto word : split_words(text)) {
        std::string lower = ascii_lower(word);
        if (std::find(out.begin(), out.end(), lower) == out.end()) out.push_back(std::move(lower));
    }
    return out;
}

}  // namespace roost::config::values
