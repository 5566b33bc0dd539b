// base/strings: the helpers every protocol parser leans on.
#include <catch2/catch.hpp>

#include "base/strings.hpp"

using namespace roost;

TEST_CASE("base64 round-trips every length, RFC 4648 section 10 vectors") {
    CHECK(base64_encode("") == "");
    CHECK(base64_encode("f") == "Zg==");
    CHECK(base64_encode("fo") == "Zm8=");
    CHECK(base64_encode("foo") == "Zm9v");
    CHECK(base64_encode("foobar") == "Zm9vYmFy");
    CHECK(base64_decode("Zm9vYg==").value() == "foob");
    CHECK(base64_decode("Zm9vYmE=").value() == "fooba");
    std::string all;
    for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
    CHECK(base64_decode(base64_encode(all)).value() == all);
}

TEST_CASE("base64 decode rejects malformed input") {
    CHECK_FALSE(base64_decode("Zm9").has_value());
    CHECK_FALSE(base64_decode("Zm=v").has_value());
    CHECK_FALSE(base64_decode("Z===").has_value());
    CHECK_FALSE(base64_decode("Zm9v!A==").has_value());
}

TEST_CASE("parse_decimal refuses signs, spaces and overflow") {
    CHECK(parse_decimal("0").value() == 0);
    CHECK(parse_decimal("4294967295", 4294967295ULL).value() == 4294967295ULL);
    CHECK_FALSE(parse_decimal("4294967296", 4294967295ULL).has_value());
    CHECK_FALSE(parse_decimal("").has_value());
    CHECK_FALSE(parse_decimal("-1").has_value());
    CHECK_FALSE(parse_decimal(" 1").has_value());
}

TEST_CASE("case-insensitive compares are ASCII only") {
    CHECK(iequals("INBOX", "inbox"));
    CHECK_FALSE(iequals("INBOX", "inbox2"));
    CHECK(istarts_with("AUTH PLAIN", "auth"));
    CHECK(split_words("  a \t b  c ").size() == 3);
    CHECK(split("a..b", '.').size() == 3);
}
