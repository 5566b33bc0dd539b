// RFC 3501 date-time: INTERNALDATE output and APPEND input.
#include <catch2/catch.hpp>

#include "imap/proto/datetime.hpp"

using namespace roost::imap::proto;

TEST_CASE("datetime: INTERNALDATE is dd-Mon-yyyy hh:mm:ss +0000 (RFC 3501 §9 date-time)", "[imap][datetime]") {
    CHECK(format_date_time(0) == "01-Jan-1970 00:00:00 +0000");
    CHECK(format_date_time(1796321532) == "03-Dec-2026 18:12:12 +0000");
    CHECK(format_date_time(951782400) == "29-Feb-2000 00:00:00 +0000");  // leap day
    CHECK(format_date_time(-1) == "31-Dec-1969 23:59:59 +0000");
}

TEST_CASE("datetime: parsing with zones and day forms (RFC 3501 §9 date-day-fixed)", "[imap][datetime]") {
    CHECK(parse_date_time("03-Dec-2026 18:12:12 +0000") == 1796321532);
    CHECK(parse_date_time(" 3-Dec-2026 18:12:12 +0000") == 1796321532);
    CHECK(parse_date_time("3-dec-2026 18:12:12 +0000") == 1796321532);
    CHECK(parse_date_time("03-Dec-2026 19:42:12 +0130") == 1796321532);
    CHECK(parse_date_time("03-Dec-2026 13:12:12 -0500") == 1796321532);
    // Round trip over a range of times.
    for (int64_t t = 0; t < 4'000'000'000; t += 86'399 * 97)
        REQUIRE(parse_date_time(format_date_time(t)) == t);
    for (const char* bad : {"", "03-Dec-2026", "03-Foo-2026 18:12:12 +0000", "03-Dec-2026 18:12:12", "32-Dec-2026 18:12:12 +0000",
                            "03-Dec-2026 24:00:00 +0000", "03-Dec-2026 18:12:12 0000", "003-Dec-2026 18:12:12 +0000",
                            "03-Dec-26 18:12:12 +0000", "03-Dec-2026 18-12-12 +0000"}) {
        INFO(bad);
        CHECK_FALSE(parse_date_time(bad));
    }
}
