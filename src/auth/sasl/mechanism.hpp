// Server side SASL mechanisms (pure: bytes in, challenge or credentials out), shared by IMAP
// AUTHENTICATE, POP3 AUTH and the Postfix auth socket. Payloads here are already
// base64-decoded; the protocol layer does the base64 and the "*" cancel.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <variant>

namespace roost::auth::sasl {

struct Challenge {
    std::string data;  // raw bytes to send base64-encoded
};
struct Credentials {
    std::string authzid;  // empty when not given
    std::string authcid;
    std::string password;
};
struct Failed {
    std::string reason;  // for the log; clients get a generic answer
};
using Step = std::variant<Challenge, Credentials, Failed>;

class Mechanism {
public:
    virtual ~Mechanism() = default;
    // The first call gets the initial response if the client sent one (SASL-IR, RFC 4959),
    // or nullptr-like empty optional semantics through `has_initial`.
    virtual Step start(bool has_initial, std::string_view initial) = 0;
    virtual Step next(std::string_view response) = 0;
};

// "PLAIN" (RFC 4616) or "LOGIN" (draft-murchison-sasl-login), case-insensitive; null if unknown.
std::unique_ptr<Mechanism> make_mechanism(std::string_view name);
// True for mechanisms that carry the password in clear (refused before TLS when
// disable_plaintext_auth = yes on a non-loopback connection).
bool is_plaintext_mechanism(std::string_view name);

}  // namespace roost::auth::sasl
