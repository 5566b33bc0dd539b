// When a client may send a password in clear, and how long a failed login waits.
#pragma once

#include <cstdint>

namespace roost::auth {

// Dovecot's disable_plaintext_auth rule: plaintext logins (IMAP LOGIN, POP3 USER/PASS, SASL
// PLAIN and LOGIN) are allowed when the setting is off, when TLS is active, or when the peer
// is on a loopback address (the password never crosses a network).
bool plaintext_auth_allowed(bool disable_plaintext_auth, bool tls_active, bool remote_is_loopback);

// Delay before answering a failed login (Dovecot's auth_failure_delay default, 2 s): slows
// down password guessing without a lock-out that an attacker could use against the user.
constexpr uint64_t kFailedLoginDelayMs = 2000;

}  // namespace roost::auth
