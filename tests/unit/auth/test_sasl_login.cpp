// SASL LOGIN server side (draft-murchison-sasl-login): "Username:" then "Password:".
#include <catch2/catch.hpp>

#include <string>

#include "auth/sasl/mechanism.hpp"

using namespace roost::auth::sasl;
using namespace std::string_literals;

namespace {

std::string challenge_of(const Step& step) {
    REQUIRE(std::holds_alternative<Challenge>(step));
    return std::get<Challenge>(step).data;
}

bool is_failed(const Step& step) { return std::holds_alternative<Failed>(step); }

}  // namespace

TEST_CASE("LOGIN asks for the user name, then the password", "[auth][sasl]") {
    auto mech = make_mechanism("LOGIN");
    REQUIRE(mech);
    CHECK(challenge_of(mech->start(false, "")) == "Username:");
    CHECK(challenge_of(mech->next("carol@example.net")) == "Password:");
    Step last = mech->next("p4ss word");
    REQUIRE(std::holds_alternative<Credentials>(last));
    const auto& c = std::get<Credentials>(last);
    CHECK(c.authzid.empty());
    CHECK(c.authcid == "carol@example.net");
    CHECK(c.password == "p4ss word");
}

TEST_CASE("LOGIN takes an initial response as the user name (SASL-IR, Postfix auth socket)",
          "[auth][sasl]") {
    auto mech = make_mechanism("login");
    CHECK(challenge_of(mech->start(true, "dave@example.com")) == "Password:");
    Step last = mech->next("pw");
    REQUIRE(std::holds_alternative<Credentials>(last));
    CHECK(std::get<Credentials>(last).authcid == "dave@example.com");
}

TEST_CASE("LOGIN treats an empty initial response as none", "[auth][sasl]") {
    auto mech = make_mechanism("LOGIN");
    CHECK(challenge_of(mech->start(true, "")) == "Username:");
}

TEST_CASE("LOGIN fails on an empty user name or password", "[auth][sasl]") {
    SECTION("empty user") {
        auto mech = make_mechanism("LOGIN");
        challenge_of(mech->start(false, ""));
        CHECK(is_failed(mech->next("")));
    }
    SECTION("empty password") {
        auto mech = make_mechanism("LOGIN");
        challenge_of(mech->start(false, ""));
        challenge_of(mech->next("e@example.com"));
        CHECK(is_failed(mech->next("")));
    }
    SECTION("NUL inside the user name") {
        auto mech = make_mechanism("LOGIN");
        challenge_of(mech->start(false, ""));
        CHECK(is_failed(mech->next("e@example.com\0x"s)));
    }
}

TEST_CASE("LOGIN refuses steps after it has finished", "[auth][sasl]") {
    auto mech = make_mechanism("LOGIN");
    challenge_of(mech->start(true, "f@example.com"));
    REQUIRE(std::holds_alternative<Credentials>(mech->next("pw")));
    CHECK(is_failed(mech->next("more")));
    CHECK(is_failed(mech->start(false, "")));
}
