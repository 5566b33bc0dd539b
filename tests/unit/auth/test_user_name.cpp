// canonical_user_name: user@domain, case-folded (DESIGN.md: names compared case-insensitively),
// and safe to use as path components (%n, %d in mail_location).
#include <catch2/catch.hpp>

#include <string>

#include "auth/user_store.hpp"

using roost::auth::canonical_user_name;
using namespace std::string_literals;

TEST_CASE("user names are lower-cased", "[auth][names]") {
    auto r = canonical_user_name("Alice.Smith@Example.COM");
    REQUIRE(r.ok());
    CHECK(*r == "alice.smith@example.com");
    auto plus = canonical_user_name("bob+tag@mail.example.org");
    REQUIRE(plus.ok());
    CHECK(*plus == "bob+tag@mail.example.org");
}

TEST_CASE("non-ASCII bytes pass through unchanged (SMTPUTF8 local parts)", "[auth][names]") {
    auto r = canonical_user_name("J\xC3\xB6rg@Example.de");
    REQUIRE(r.ok());
    CHECK(*r == "j\xC3\xB6rg@example.de");
}

TEST_CASE("malformed or path-unsafe user names are refused", "[auth][names]") {
    std::string name = GENERATE(as<std::string>{},
                                "",                       // empty
                                "alice",                  // no domain
                                "@example.com",           // empty local part
                                "alice@",                 // empty domain
                                "a@b@example.com",        // two '@'
                                "a/b@example.com",        // '/' in local part
                                "alice@ex/ample.com",     // '/' in domain
                                "al\0ice@example.com"s,   // NUL
                                "al\nice@example.com",    // control character
                                "al\x7f" "ice@example.com",  // DEL
                                "al ice@example.com",     // space
                                "alice@exa\tmple.com",    // tab
                                ".alice@example.com",     // leading dot in local part
                                "alice@.example.com",     // leading dot in domain
                                "al..ice@example.com",    // ".." in local part
                                "alice@example..com",     // ".." in domain
                                "..@..");
    CAPTURE(name);
    CHECK_FALSE(canonical_user_name(name).ok());
}

TEST_CASE("overlong user names are refused (RFC 5321 section 4.5.3.1 limits)", "[auth][names]") {
    std::string name = std::string(400, 'a') + "@example.com";
    CHECK_FALSE(canonical_user_name(name).ok());
}
