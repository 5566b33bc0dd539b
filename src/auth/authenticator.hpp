// Checks a user name and password against the user store and resolves the user's Maildir.
// Blocking (SQLite read + argon2id): call from the worker pool.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "auth/user_store.hpp"

namespace roost::auth {

struct AuthenticatedUser {
    std::string name;          // canonical user@domain
    std::string maildir_root;  // absolute path of the Maildir (cur/ new/ tmp/ inside)
};

class Authenticator {
public:
    // `mail_location` is the template from the config, e.g. "maildir:/srv/mail/%d/%n/Maildir"
    // or "maildir:~/Maildir"; a user's own `mail` column overrides it.
    Authenticator(std::string user_db_path, std::string mail_location);

    // nullopt for a wrong password, an unknown or disabled user, or a store error (logged);
    // all take about the same time.
    std::optional<AuthenticatedUser> authenticate(const std::string& user, const std::string& password);

    // Expands %u %n %d %h (and ~/) in a mail_location template and strips "maildir:".
    static Result<std::string> expand_mail_location(const std::string& location, const UserRecord& user);

private:
    std::string db_path_;
    std::string mail_location_;
    std::mutex mutex_;  // one SQLite connection shared by worker threads
    std::unique_ptr<UserStore> store_;
};

}  // namespace roost::auth
