// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), shared by
// IMAP dates and RFC 5322 Date: fields. Header-only, no time zones.
#pragma once

#include <cstdint>

namespace roost {

// Days since 1970-01-01 of year-month-day (Howard Hinnant's well-known formula).
constexpr int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

constexpr void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

// The day number of a unix time (floor division: times before 1970 count down).
constexpr int64_t day_of(int64_t unix_time) {
    return unix_time >= 0 ? unix_time / 86400 : (unix_time - 86399) / 86400;
}

// Whether the month has that day (31-Feb does not).
constexpr bool is_calendar_date(int64_t y, unsigned m, unsigned d) {
    if (m < 1 || m > 12 || d < 1) return false;
    int64_t next_month_first = m == 12 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, m + 1, 1);
    return d <= next_month_first - days_from_civil(y, m, 1);
}

}  // namespace roost
