// SASL LOGIN, server side (draft-murchison-sasl-login-00): the server asks "Username:" and
// then "Password:"; each answer is one response. Obsolete but still sent by Outlook and
// some phones, so IMAP, POP3 and Postfix's SMTP AUTH offer it.
#pragma once

#include <string>

#include "auth/sasl/mechanism.hpp"

namespace roost::auth::sasl {

class LoginMechanism final : public Mechanism {
public:
    Step start(bool has_initial, std::string_view initial) override;
    Step next(std::string_view response) override;

private:
    enum class State { Initial, WantUser, WantPassword, Done };
    Step accept_user(std::string_view user);

    State state_ = State::Initial;
    std::string user_;
};

}  // namespace roost::auth::sasl
