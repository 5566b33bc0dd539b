// Password hashes in Dovecot's "{SCHEME}hash" form. New hashes are {ARGON2ID} (libsodium's
// crypto_pwhash_str). Slow on purpose: call from the worker pool, never on the loop.
#pragma once

#include <string>
#include <string_view>

#include "base/result.hpp"

namespace roost::auth {

Result<std::string> hash_password(std::string_view password);
// Constant-time where the scheme allows; false for unknown schemes and malformed hashes.
bool verify_password(std::string_view stored_hash, std::string_view password);
// Burns about the time of one verification, so that a missing user takes as long as a
// wrong password (no message or timing reveals whether a user exists).
void verify_dummy(std::string_view password);

}  // namespace roost::auth
