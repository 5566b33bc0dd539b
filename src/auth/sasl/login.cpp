#include "auth/sasl/login.hpp"

namespace roost::auth::sasl {
namespace {
constexpr std::string_view kUserPrompt = "Username:";
constexpr std::string_view kPasswordPrompt = "Password:";
}  // namespace

Step LoginMechanism::accept_user(std::string_view user) {
    if (user.empty()) {
        state_ = State::Done;
        return Failed{"LOGIN: empty user name"};
    }
    if (user.find('\0') != std::string_view::npos) {
        state_ = State::Done;
        return Failed{"LOGIN: NUL in user name"};
    }
    user_ = std::string(user);
    state_ = State::WantPassword;
    return Challenge{std::string(kPasswordPrompt)};
}

Step LoginMechanism::start(bool has_initial, std::string_view initial) {
    if (state_ != State::Initial) {
        state_ = State::Done;
        return Failed{"LOGIN: started twice"};
    }
    // The draft has no initial response, but clients that send one with SASL-IR (and
    // Postfix's auth socket requests) put the user name there. An empty one is no answer.
    if (has_initial && !initial.empty()) return accept_user(initial);
    state_ = State::WantUser;
    return Challenge{std::string(kUserPrompt)};
}

Step LoginMechanism::next(std::string_view response) {
    switch (state_) {
        case State::WantUser: return accept_user(response);
        case State::WantPassword:
            state_ = State::Done;
            if (response.empty()) return Failed{"LOGIN: empty password"};
            return Credentials{"", std::move(user_), std::string(response)};
        case State::Initial:
        case State::Done: break;
    }
    state_ = State::Done;
    return Failed{"LOGIN: unexpected response"};
}

}  // namespace roost::auth::sasl
