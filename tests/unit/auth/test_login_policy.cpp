// Dovecot's disable_plaintext_auth rule (IMAP LOGINDISABLED, RFC 3501 section 6.2.3; POP3 and
// SASL alike): plaintext is allowed when the setting is off, under TLS, or from loopback.
#include <catch2/catch.hpp>

#include "auth/login_policy.hpp"

using roost::auth::plaintext_auth_allowed;

TEST_CASE("plaintext auth policy follows disable_plaintext_auth", "[auth][policy]") {
    // disable_plaintext_auth = no: always allowed.
    CHECK(plaintext_auth_allowed(false, false, false, false));
    CHECK(plaintext_auth_allowed(false, false, true, true));
    // disable_plaintext_auth = yes: only TLS or a local peer.
    CHECK_FALSE(plaintext_auth_allowed(false, true, false, false));
    CHECK(plaintext_auth_allowed(false, true, true, false));
    CHECK(plaintext_auth_allowed(false, true, false, true));
    CHECK(plaintext_auth_allowed(false, true, true, true));
    CHECK(roost::auth::kFailedLoginDelayMs == 2000);
}

TEST_CASE("ssl = required refuses plaintext auth before TLS, loopback included", "[auth][policy]") {
    // Dovecot's ssl = required: authentication before TLS fails, whatever
    // disable_plaintext_auth says and wherever the client is.
    CHECK_FALSE(plaintext_auth_allowed(true, false, false, false));
    CHECK_FALSE(plaintext_auth_allowed(true, false, false, true));
    CHECK_FALSE(plaintext_auth_allowed(true, true, false, true));
    CHECK(plaintext_auth_allowed(true, true, true, false));
    CHECK(plaintext_auth_allowed(true, false, true, true));
}
