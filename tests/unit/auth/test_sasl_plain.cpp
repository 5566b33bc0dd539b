// SASL PLAIN server side, step by step (RFC 4616 section 2, SASL-IR from RFC 4959).
#include <catch2/catch.hpp>

#include <string>

#include "auth/sasl/mechanism.hpp"

using namespace roost::auth::sasl;
using namespace std::string_literals;

namespace {

Credentials creds_of(const Step& step) {
    REQUIRE(std::holds_alternative<Credentials>(step));
    return std::get<Credentials>(step);
}

bool is_failed(const Step& step) { return std::holds_alternative<Failed>(step); }

}  // namespace

TEST_CASE("PLAIN with an initial response yields credentials at once (RFC 4959)", "[auth][sasl]") {
    auto mech = make_mechanism("PLAIN");
    REQUIRE(mech);
    const auto c = creds_of(mech->start(true, "\0alice@example.com\0secret"s));
    CHECK(c.authzid.empty());
    CHECK(c.authcid == "alice@example.com");
    CHECK(c.password == "secret");
}

TEST_CASE("PLAIN keeps the authzid (RFC 4616 section 2)", "[auth][sasl]") {
    auto mech = make_mechanism("plain");
    const auto c = creds_of(mech->start(true, "admin@example.com\0alice@example.com\0pw"s));
    CHECK(c.authzid == "admin@example.com");
    CHECK(c.authcid == "alice@example.com");
    CHECK(c.password == "pw");
}

TEST_CASE("PLAIN without an initial response sends an empty challenge, then reads the message",
          "[auth][sasl]") {
    auto mech = make_mechanism("Plain");
    bool has_initial = GENERATE(false, true);  // true: SASL-IR "=" (empty initial response)
    Step first = mech->start(has_initial, "");
    REQUIRE(std::holds_alternative<Challenge>(first));
    CHECK(std::get<Challenge>(first).data.empty());
    const auto c = creds_of(mech->next("\0bob@example.org\0hunter2"s));
    CHECK(c.authcid == "bob@example.org");
    CHECK(c.password == "hunter2");
}

TEST_CASE("PLAIN rejects malformed messages (RFC 4616 section 2 grammar)", "[auth][sasl]") {
    std::string message = GENERATE(as<std::string>{},
                                   "alice@example.com secret",            // no NUL at all
                                   "alice@example.com\0secret"s,          // one NUL only
                                   "\0\0secret"s,                         // empty authcid
                                   "\0alice@example.com\0"s,              // empty password
                                   "\0alice@example.com\0sec\0ret"s,      // three NULs
                                   "a\0b\0c\0"s,                          // trailing extra NUL
                                   "\0"s);                                // just a NUL
    SECTION("as initial response") {
        auto mech = make_mechanism("PLAIN");
        CHECK(is_failed(mech->start(true, message)));
    }
    SECTION("as answer to the empty challenge") {
        auto mech = make_mechanism("PLAIN");
        REQUIRE(std::holds_alternative<Challenge>(mech->start(false, "")));
        CHECK(is_failed(mech->next(message)));
    }
}

TEST_CASE("PLAIN refuses a response after the exchange is over", "[auth][sasl]") {
    auto mech = make_mechanism("PLAIN");
    creds_of(mech->start(true, "\0a@b.c\0pw"s));
    CHECK(is_failed(mech->next("\0a@b.c\0pw"s)));
}

TEST_CASE("PLAIN fails on an empty answer to its empty challenge", "[auth][sasl]") {
    // A client that answers the empty challenge with an empty response has sent no message.
    auto mech = make_mechanism("PLAIN");
    REQUIRE(std::holds_alternative<Challenge>(mech->start(false, "")));
    CHECK(is_failed(mech->next("")));
}

TEST_CASE("make_mechanism knows PLAIN and LOGIN only, case-insensitively (RFC 3501 section 9)",
          "[auth][sasl]") {
    CHECK(make_mechanism("PLAIN"));
    CHECK(make_mechanism("pLaIn"));
    CHECK(make_mechanism("LOGIN"));
    CHECK(make_mechanism("login"));
    CHECK_FALSE(make_mechanism("CRAM-MD5"));
    CHECK_FALSE(make_mechanism(""));
    CHECK_FALSE(make_mechanism("PLAINX"));
    CHECK(is_plaintext_mechanism("plain"));
    CHECK(is_plaintext_mechanism("LOGIN"));
    CHECK_FALSE(is_plaintext_mechanism("SCRAM-SHA-256"));
}
