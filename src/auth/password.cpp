// Dovecot-style "{SCHEME}hash" passwords. New hashes are argon2id (libsodium); the crypt(3)
// schemes are verified so that users migrated from Dovecot keep their passwords, and PLAIN
// exists for tests and throwaway setups.
#include "auth/password.hpp"

#include <crypt.h>
#include <sodium.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "auth/password_detail.hpp"
#include "base/strings.hpp"

namespace roost::auth {
namespace {

// libsodium's own cost presets for interactive logins (about 64 MiB and a fraction of a
// second), the same that Dovecot uses for ARGON2ID by default.
constexpr unsigned long long kOpsLimit = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
constexpr size_t kMemLimit = crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;

// Made once with hash_password's parameters from a password nobody knows; only its cost matters.
constexpr std::string_view kDummyHash =
    "$argon2id$v=19$m=65536,t=2,p=1$IF6/JTjwQpMBYNX4ApyyDQ$j7ULHkUXiZzN5fCyuZjI+o1WzXIt/Ejux1vMEQgAEIk";

bool sodium_ready() {
    // sodium_init is safe to call repeatedly, but once is enough; call_once makes the first
    // call from several worker threads at the same time well defined.
    static std::once_flag once;
    static bool ready = false;
    std::call_once(once, [] { ready = sodium_init() >= 0; });
    return ready;
}

struct SchemeAndHash {
    std::string scheme;  // upper case, without braces
    std::string_view hash;
};

// "{scheme}rest": the scheme name is case-insensitive, as in Dovecot.
std::optional<SchemeAndHash> split_scheme(std::string_view stored) {
    if (stored.empty() || stored.front() != '{') return std::nullopt;
    auto close = stored.find('}');
    if (close == std::string_view::npos || close == 1) return std::nullopt;
    return SchemeAndHash{ascii_upper(stored.substr(1, close - 1)), stored.substr(close + 1)};
}

bool verify_argon2(std::string_view hash, std::string_view password, std::string_view expected_prefix) {
    if (hash.substr(0, expected_prefix.size()) != expected_prefix) return false;
    // libsodium wants a NUL-terminated hash string.
    std::string terminated(hash);
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

// Fixed-size digests of both sides compared in constant time: neither the length nor the
// content of the stored password leaks through timing.
bool verify_plain(std::string_view stored, std::string_view password) {
    unsigned char a[crypto_generichash_BYTES];
    unsigned char b[crypto_generichash_BYTES];
    crypto_generichash(a, sizeof a, reinterpret_cast<const unsigned char*>(stored.data()), stored.size(), nullptr, 0);
    crypto_generichash(b, sizeof b, reinterpret_cast<const unsigned char*>(password.data()), password.size(), nullptr,
                       0);
    return sodium_memcmp(a, b, sizeof a) == 0;
}

bool has_prefix(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool verify_crypt(std::string_view hash, std::string_view password) {
    // crypt(3) reads C strings: a NUL inside the password would silently cut it short and
    // accept "secret\0anything" for "secret".
    if (password.find('\0') != std::string_view::npos || hash.find('\0') != std::string_view::npos) return false;
    std::string setting(hash);
    std::string key(password);
    // crypt_data is large (tens of KiB): keep it off the worker thread's stack. It must be
    // zeroed before first use (libxcrypt crypt_r(3)); make_unique value-initialises it.
    auto data = std::make_unique<crypt_data>();
    const char* result = crypt_r(key.c_str(), setting.c_str(), data.get());
    sodium_memzero(key.data(), key.size());
    // libxcrypt reports failure with NULL or a string starting with '*'.
    if (result == nullptr || result[0] == '*') return false;
    std::string_view computed(result);
    // The output length depends only on the setting, never on the password, so comparing
    // lengths first reveals nothing.
    bool match = computed.size() == hash.size() && sodium_memcmp(computed.data(), hash.data(), hash.size()) == 0;
    sodium_memzero(data.get(), sizeof(crypt_data));
    return match;
}

}  // namespace

namespace detail {
std::string_view dummy_hash() { return kDummyHash; }
}  // namespace detail

Result<std::string> hash_password(std::string_view password) {
    if (!sodium_ready()) return make_error("libsodium failed to initialise");
    char out[crypto_pwhash_argon2id_STRBYTES];
    if (crypto_pwhash_argon2id_str(out, password.data(), password.size(), kOpsLimit, kMemLimit) != 0) {
        return make_error("argon2id hashing failed (out of memory?)");
    }
    return "{ARGON2ID}" + std::string(out);
}

bool verify_password(std::string_view stored_hash, std::string_view password) {
    if (!sodium_ready()) return false;
    auto parts = split_scheme(stored_hash);
    if (!parts) return false;
    const std::string& scheme = parts->scheme;
    std::string_view hash = parts->hash;
    if (scheme == "ARGON2ID") return verify_argon2(hash, password, "$argon2id$");
    if (scheme == "ARGON2I") return verify_argon2(hash, password, "$argon2i$");
    if (scheme == "PLAIN") return verify_plain(hash, password);
    // Each crypt scheme accepts only its own setting prefix, so that "{SHA512-CRYPT}" on a
    // DES or MD5 string is refused rather than quietly verified with a weaker algorithm.
    if (scheme == "SHA512-CRYPT") return has_prefix(hash, "$6$") && verify_crypt(hash, password);
    if (scheme == "SHA256-CRYPT") return has_prefix(hash, "$5$") && verify_crypt(hash, password);
    if (scheme == "BLF-CRYPT") {
        bool bcrypt = has_prefix(hash, "$2a$") || has_prefix(hash, "$2b$") || has_prefix(hash, "$2y$");
        return bcrypt && verify_crypt(hash, password);
    }
    return false;
}

void verify_dummy(std::string_view password) {
    if (!sodium_ready()) return;
    std::string terminated(kDummyHash);
    // The outcome is meaningless; only the time spent matters.
    if (crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0) {
        return;
    }
}

}  // namespace roost::auth
