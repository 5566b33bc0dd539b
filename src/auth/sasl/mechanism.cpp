// The mechanism table: the one place that knows which SASL mechanisms exist.
#include "auth/sasl/mechanism.hpp"

#include "auth/sasl/login.hpp"
#include "auth/sasl/plain.hpp"
#include "base/strings.hpp"

namespace roost::auth::sasl {

std::unique_ptr<Mechanism> make_mechanism(std::string_view name) {
    // RFC 4422 section 3.1 registers names in upper case, but IMAP treats atoms
    // case-insensitively (RFC 3501 section 9), so "AUTHENTICATE plain" must work too.
    if (iequals(name, "PLAIN")) return std::make_unique<PlainMechanism>();
    if (iequals(name, "LOGIN")) return std::make_unique<LoginMechanism>();
    return nullptr;
}

bool is_plaintext_mechanism(std::string_view name) { return iequals(name, "PLAIN") || iequals(name, "LOGIN"); }

}  // namespace roost::auth::sasl
