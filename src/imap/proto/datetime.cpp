#include "imap/proto/datetime.hpp"

#include <cstdio>

#include "base/calendar.hpp"
#include "base/strings.hpp"

namespace roost::imap::proto {
namespace {

const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::optional<unsigned> digits(std::string_view text, size_t count) {
    if (text.size() != count) return std::nullopt;
    auto value = parse_decimal(text);
    if (!value) return std::nullopt;
    return static_cast<unsigned>(*value);
}

std::optional<unsigned> month_number(std::string_view name) {
    for (unsigned i = 0; i < 12; ++i)
        if (iequals(name, kMonths[i])) return i + 1;
    return std::nullopt;
}

}  // namespace

std::string format_date_time(int64_t unix_time) {
    int64_t days = day_of(unix_time);
    int64_t secs = unix_time - days * 86400;
    int64_t year;
    unsigned month, day;
    civil_from_days(days, year, month, day);
    char out[40];
    std::snprintf(out, sizeof out, "%02u-%s-%04lld %02d:%02d:%02d +0000", day, kMonths[month - 1],
                  static_cast<long long>(year), static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                  static_cast<int>(secs % 60));
    return out;
}

// date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
// (the quotes are already gone). Dovecot also accepts a one-digit day without the space.
std::optional<int64_t> parse_date_time(std::string_view text) {
    if (!text.empty() && text[0] == ' ') text.remove_prefix(1);
    size_t dash = text.find('-');
    if (dash == std::string_view::npos || dash == 0 || dash > 2) return std::nullopt;
    auto day = digits(text.substr(0, dash), dash);
    text.remove_prefix(dash + 1);
    if (!day || text.size() != 3 + 1 + 4 + 1 + 8 + 1 + 5) return std::nullopt;
    unsigned month = month_number(text.substr(0, 3)).value_or(0);
    if (month == 0 || text[3] != '-' || text[8] != ' ' || text[17] != ' ') return std::nullopt;
    auto year = digits(text.substr(4, 4), 4);
    std::string_view time = text.substr(9, 8);
    if (time[2] != ':' || time[5] != ':') return std::nullopt;
    auto hour = digits(time.substr(0, 2), 2);
    auto minute = digits(time.substr(3, 2), 2);
    auto second = digits(time.substr(6, 2), 2);
    std::string_view zone = text.substr(18, 5);
    auto zone_value = digits(zone.substr(1), 4);
    if (!year || !hour || !minute || !second || !zone_value || (zone[0] != '+' && zone[0] != '-')) return std::nullopt;
    if (*day < 1 || *day > 31 || *hour > 23 || *minute > 59 || *second > 60 || *zone_value % 100 > 59)
        return std::nullopt;
    int64_t offset = (*zone_value / 100) * 3600 + (*zone_value % 100) * 60;
    if (zone[0] == '-') offset = -offset;
    int64_t local = days_from_civil(*year, month, *day) * 86400 + *hour * 3600 + *minute * 60 + *second;
    return local - offset;  // local time = UTC + offset
}

// date-text = date-day "-" date-month "-" date-year, date-day = 1*2DIGIT, date-year = 4DIGIT
std::optional<CalendarDate> parse_date_text(std::string_view text) {
    size_t dash = text.find('-');
    if (dash == std::string_view::npos || dash == 0 || dash > 2) return std::nullopt;
    auto day = digits(text.substr(0, dash), dash);
    text.remove_prefix(dash + 1);
    if (!day || text.size() != 3 + 1 + 4 || text[3] != '-') return std::nullopt;
    auto month = month_number(text.substr(0, 3));
    auto year = digits(text.substr(4), 4);
    if (!month || !year) return std::nullopt;
    return CalendarDate{*year, *month, *day};
}

}  // namespace roost::imap::proto
