// RFC 3501 date-time ("dd-Mon-yyyy hh:mm:ss +zzzz"), for INTERNALDATE and APPEND. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace roost::imap::proto {

// `unix_time` in UTC: "03-Dec-2026 18:12:12 +0000" (two-digit day: date-day-fixed allows it).
std::string format_date_time(int64_t unix_time);
// Parses date-time (day as "d", " d" or "dd"; month case-insensitive); nullopt if invalid.
std::optional<int64_t> parse_date_time(std::string_view text);

}  // namespace roost::imap::proto
