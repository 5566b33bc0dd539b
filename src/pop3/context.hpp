// What a POP3 session needs from the server around it. Owned by the daemon; outlives every
// session created with it.
#pragma once

#include <memory>
#include <string>

#include "auth/authenticator.hpp"
#include "config/settings.hpp"
#include "net/connection.hpp"
#include "net/loop.hpp"

namespace roost::pop3 {

struct Context {
    net::Loop& loop;
    const config::Settings& settings;
    auth::Authenticator& authenticator;
    std::string listener_name;  // "pop3" or "pop3s", for logs
};

// Creates the session for a freshly accepted connection; it sends the greeting itself.
std::shared_ptr<net::ByteSink> make_session(const Context& context, net::Connection& connection);

}  // namespace roost::pop3
