// RFC 3501 date-time ("dd-Mon-yyyy hh:mm:ss +zzzz"), for INTERNALDATE and APPEND, and date
// ("d-Mon-yyyy") for SEARCH. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace roost::imap::proto {

struct CalendarDate {
    int64_t year = 0;
    unsigned month = 0;  // 1-12
    unsigned day = 0;    // as written: 0-99, not checked against the month
};

// `unix_time` in UTC: "03-Dec-2026 18:12:12 +0000" (two-digit day: date-day-fixed allows it).
std::string format_date_time(int64_t unix_time);
// Parses date-time (day as "d", " d" or "dd"; month case-insensitive); nullopt if invalid.
std::optional<int64_t> parse_date_time(std::string_view text);

// RFC 3501 §9 date-text "d-Mon-yyyy" (SEARCH dates; the quotes, if any, already gone).
// nullopt on a syntax error; a day the month does not have is the caller's question.
std::optional<CalendarDate> parse_date_text(std::string_view text);

}  // namespace roost::imap::proto
