// SASL PLAIN, server side (RFC 4616).
#pragma once

#include "auth/sasl/mechanism.hpp"

namespace roost::auth::sasl {

class PlainMechanism final : public Mechanism {
public:
    Step start(bool has_initial, std::string_view initial) override;
    Step next(std::string_view response) override;

    // The message of RFC 4616 section 2: [authzid] NUL authcid NUL passwd.
    static Step parse_message(std::string_view message);

private:
    enum class State { Initial, WaitingForResponse, Done };
    State state_ = State::Initial;
};

}  // namespace roost::auth::sasl
