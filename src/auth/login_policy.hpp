// When a client may send a password in clear, and how long a failed login waits.
#pragma once

#include <cstdint>

namespace roost::auth {

// Whether a client may log in with a plaintext mechanism (IMAP LOGIN, POP3 USER/PASS, SASL
// PLAIN and LOGIN) on this connection; IMAP and POP3 both ask here so they never disagree.
// - ssl = required: only under TLS, even from loopback (Dovecot's documented meaning: "any
//   attempt to authenticate before SSL/TLS is enabled will cause an authentication failure").
// - otherwise Dovecot's disable_plaintext_auth rule: allowed when the setting is off, when TLS
//   is active, or when the peer is on a loopback address (the password crosses no network).
bool plaintext_auth_allowed(bool ssl_required, bool disable_plaintext_auth, bool tls_active,
                            bool remote_is_loopback);

// Delay before answering a failed login (Dovecot's auth_failure_delay default, 2 s): slows
// down password guessing without a lock-out that an attacker could use against the user.
constexpr uint64_t kFailedLoginDelayMs = 2000;

}  // namespace roost::auth
