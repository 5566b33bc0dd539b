#include "auth/sasl/plain.hpp"

namespace roost::auth::sasl {

Step PlainMechanism::parse_message(std::string_view message) {
    // RFC 4616 section 2: message = [authzid] UTF8NUL authcid UTF8NUL passwd, where none of
    // the three fields may contain NUL. So there are exactly two NULs.
    auto first = message.find('\0');
    if (first == std::string_view::npos) return Failed{"PLAIN: no NUL separator"};
    auto second = message.find('\0', first + 1);
    if (second == std::string_view::npos) return Failed{"PLAIN: only one NUL separator"};
    if (message.find('\0', second + 1) != std::string_view::npos) return Failed{"PLAIN: more than two NULs"};
    Credentials creds;
    creds.authzid = std::string(message.substr(0, first));
    creds.authcid = std::string(message.substr(first + 1, second - first - 1));
    creds.password = std::string(message.substr(second + 1));
    // authcid and passwd are 1*SAFE in the RFC 4616 grammar: never empty.
    if (creds.authcid.empty()) return Failed{"PLAIN: empty authentication identity"};
    if (creds.password.empty()) return Failed{"PLAIN: empty password"};
    return creds;
}

Step PlainMechanism::start(bool has_initial, std::string_view initial) {
    if (state_ != State::Initial) {
        state_ = State::Done;
        return Failed{"PLAIN: started twice"};
    }
    // PLAIN is client-first (RFC 4616 section 2). A client that sent no initial response,
    // or "=" (the empty one, RFC 4959 section 3), is sent an empty challenge and answers it
    // with the message, as RFC 4422 section 5 describes for client-first mechanisms.
    if (!has_initial || initial.empty()) {
        state_ = State::WaitingForResponse;
        return Challenge{""};
    }
    state_ = State::Done;
    return parse_message(initial);
}

Step PlainMechanism::next(std::string_view response) {
    if (state_ != State::WaitingForResponse) {
        state_ = State::Done;
        return Failed{"PLAIN: unexpected response"};
    }
    state_ = State::Done;
    return parse_message(response);
}

}  // namespace roost::auth::sasl
