// Small string helpers shared by every layer (ASCII only: protocol keywords and names).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace roost {

std::string ascii_lower(std::string_view s);
std::string ascii_upper(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view s, std::string_view prefix);
std::string_view trim(std::string_view s);
// Splits on `sep`; empty fields are kept.
std::vector<std::string_view> split(std::string_view s, char sep);
// Splits on runs of spaces and tabs; no empty fields.
std::vector<std::string_view> split_words(std::string_view s);

// Parses a decimal number with no sign, no spaces and no overflow past `max`.
std::optional<unsigned long long> parse_decimal(std::string_view s, unsigned long long max = ~0ULL);

// RFC 4648 base64 (standard alphabet, padded). decode rejects malformed input.
std::string base64_encode(std::string_view data);
std::optional<std::string> base64_decode(std::string_view text);
// The value (0-63) of one character of the base64 alphabet, or -1.
int base64_digit(unsigned char c);

}  // namespace roost
