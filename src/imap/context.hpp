// What an IMAP session needs from the server around it. Owned by the daemon; outlives every
// session created with it.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "auth/authenticator.hpp"
#include "config/settings.hpp"
#include "net/connection.hpp"
#include "net/loop.hpp"
#include "storage/mail_store.hpp"

namespace roost::imap {

struct Context {
    net::Loop& loop;
    const config::Settings& settings;
    auth::Authenticator& authenticator;
    std::string listener_name;  // "imap" or "imaps", for logs
    // Opens a logged-in user's mail; called on a worker thread. Empty: the Maildir at the
    // user's maildir_root (storage::open_maildir_store), as in production. Tests set it to run
    // sessions over another backend.
    using StoreOpener = std::function<storage::SResult<std::unique_ptr<storage::MailStore>>(
        const std::string& user, const std::string& maildir_root)>;
    StoreOpener open_store = {};
};

// Creates the session for a freshly accepted connection; it sends the greeting itself.
std::shared_ptr<net::ByteSink> make_session(const Context& context, net::Connection& connection);

}  // namespace roost::imap
