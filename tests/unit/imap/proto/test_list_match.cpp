// LIST patterns (RFC 3501 §6.3.8): "*" crosses hierarchy levels, "%" does not.
#include <catch2/catch.hpp>

#include "imap/proto/list_match.hpp"

using namespace roost::imap::proto;

TEST_CASE("list_match: * and % wildcards with the '.' separator", "[imap][list]") {
    CHECK(list_pattern_matches("*", "INBOX", '.'));
    CHECK(list_pattern_matches("*", "a.b.c", '.'));
    CHECK(list_pattern_matches("%", "Sent", '.'));
    CHECK_FALSE(list_pattern_matches("%", "a.b", '.'));
    CHECK(list_pattern_matches("a.%", "a.b", '.'));
    CHECK_FALSE(list_pattern_matches("a.%", "a.b.c", '.'));
    CHECK(list_pattern_matches("a.*", "a.b.c", '.'));
    CHECK_FALSE(list_pattern_matches("a.*", "a", '.'));
    CHECK(list_pattern_matches("S%t", "Sent", '.'));
    CHECK(list_pattern_matches("%.%", "a.b", '.'));
    CHECK(list_pattern_matches("Sent", "Sent", '.'));
    CHECK_FALSE(list_pattern_matches("Sent", "sent", '.'));  // only INBOX is case-insensitive
    CHECK_FALSE(list_pattern_matches("", "Sent", '.'));
    // A hostile pattern stays cheap.
    CHECK_FALSE(list_pattern_matches("*a*a*a*a*a*a*a*a*a*a*b", std::string(200, 'a'), '.'));
}

TEST_CASE("list_match: reference and pattern join; INBOX is case-insensitive (RFC 3501 §5.1)", "[imap][list]") {
    CHECK(canonical_list_pattern("", "inbox", '.') == "INBOX");
    CHECK(canonical_list_pattern("", "InBox.%", '.') == "INBOX.%");
    CHECK(canonical_list_pattern("", "inboxes", '.') == "inboxes");
    CHECK(canonical_list_pattern("Archive.", "%", '.') == "Archive.%");
}
