// mail/mutf7: RFC 3501 §5.1.3 modified UTF-7, the IMAP mailbox-name encoding that is also
// how Maildir++ folder directories are named on disk (as Dovecot names them).
#include <catch2/catch.hpp>

#include "mail/mutf7.hpp"

using roost::mail::mutf7_to_utf8;
using roost::mail::utf8_to_mutf7;

TEST_CASE("mutf7: RFC 3501 §5.1.3 example round-trips") {
    // "~peter/mail/日本語/台北" from the RFC's own example.
    const std::string utf8 = "~peter/mail/\xE5\x8F\xB0\xE5\x8C\x97/\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E";
    const std::string encoded = "~peter/mail/&U,BTFw-/&ZeVnLIqe-";
    CHECK(utf8_to_mutf7(utf8) == encoded);
    REQUIRE(mutf7_to_utf8(encoded).has_value());
    CHECK(*mutf7_to_utf8(encoded) == utf8);
}

TEST_CASE("mutf7: '&' is written \"&-\" and printable ASCII stands for itself (§5.1.3)") {
    CHECK(utf8_to_mutf7("&") == "&-");
    CHECK(utf8_to_mutf7("Tom & Jerry") == "Tom &- Jerry");
    CHECK(mutf7_to_utf8("Tom &- Jerry").value() == "Tom & Jerry");
    CHECK(utf8_to_mutf7("Sent Items") == "Sent Items");
    CHECK(mutf7_to_utf8("").value() == "");
}

TEST_CASE("mutf7: non-BMP characters use UTF-16 surrogate pairs") {
    const std::string emoji = "\xF0\x9F\x98\x80";  // U+1F600
    std::string enc = utf8_to_mutf7("a" + emoji + "b");
    CHECK(enc == "a&2D3eAA-b");
    CHECK(mutf7_to_utf8(enc).value() == "a" + emoji + "b");
}

TEST_CASE("mutf7: accented names as Thunderbird sends them") {
    // "Entwürfe" (German Drafts) and "Envoyés" (French Sent).
    CHECK(utf8_to_mutf7("Entw\xC3\xBCrfe") == "Entw&APw-rfe");
    CHECK(mutf7_to_utf8("Entw&APw-rfe").value() == "Entw\xC3\xBCrfe");
    CHECK(utf8_to_mutf7("Envoy\xC3\xA9s") == "Envoy&AOk-s");
}

TEST_CASE("mutf7: strict decoder rejects what §5.1.3 forbids") {
    CHECK_FALSE(mutf7_to_utf8("&U,BTFw").has_value());       // shift never terminated
    CHECK_FALSE(mutf7_to_utf8("&AGE-").has_value());         // encodes printable 'a'
    CHECK_FALSE(mutf7_to_utf8("&2D0-").has_value());         // unpaired high surrogate
    CHECK_FALSE(mutf7_to_utf8("&3gA-").has_value());         // lone low surrogate
    CHECK_FALSE(mutf7_to_utf8("&U/BTFw-").has_value());      // '/' is not in modified BASE64
    CHECK_FALSE(mutf7_to_utf8("&U,BTFw==-").has_value());    // no '=' padding
    CHECK_FALSE(mutf7_to_utf8("&APx-&APw-").has_value());    // two adjacent shifts: not canonical
    CHECK_FALSE(mutf7_to_utf8("&APz-").has_value());         // non-zero padding bits
    CHECK_FALSE(mutf7_to_utf8("&AP-").has_value());          // cut in the middle of a unit
    CHECK_FALSE(mutf7_to_utf8("caf\xC3\xA9").has_value());   // raw 8-bit is not mUTF-7
    CHECK_FALSE(mutf7_to_utf8("a\tb").has_value());          // raw control character
    CHECK_FALSE(mutf7_to_utf8("&AAA-").has_value());         // NUL can never name a mailbox
}

TEST_CASE("mutf7: invalid UTF-8 input cannot round-trip") {
    // The encoder substitutes U+FFFD, so callers detect bad UTF-8 with a round trip.
    for (std::string bad : {std::string("\xC3"), std::string("\xC0\xAF"), std::string("\xED\xA0\x80"),
                            std::string("\xF4\x90\x80\x80")}) {
        auto back = mutf7_to_utf8(utf8_to_mutf7(bad));
        REQUIRE(back.has_value());
        CHECK(*back != bad);
    }
}
