// Typed values from setting text: booleans, ports, addresses, word lists. Internal to
// src/config; each returns nullopt (or an error reason) and the caller adds "file:line: ".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace roost::config::values {

// Dovecot booleans: "yes" or "no" (any case).
std::optional<bool> parse_bool(std::string_view text);
// 0..65535; 0 turns a listener off.
std::optional<uint16_t> parse_port(std::string_view text);
// `*` (all IPv4), `::` (all IPv6), an IPv4 or IPv6 literal, or a host name.
bool is_listen_address(std::string_view text);
// `listen`: addresses separated by commas and/or spaces; each checked.
Result<std::vector<std::string>> parse_address_list(std::string_view text);
// Space-separated words, lower-cased, duplicates dropped, order kept.
std::vector<std::string> parse_word_list(std::string_view text);

}  // namespace roost::config::values
