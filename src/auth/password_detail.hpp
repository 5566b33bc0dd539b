// Internals of password.cpp that unit tests pin down; not for other modules.
#pragma once

#include <string_view>

namespace roost::auth::detail {

// The fixed {ARGON2ID} hash that verify_dummy checks against. Its cost parameters must match
// what hash_password produces today, or a missing user would answer faster than a real one.
std::string_view dummy_hash();

}  // namespace roost::auth::detail
