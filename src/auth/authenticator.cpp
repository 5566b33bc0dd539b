// Authenticator: name -> user record -> password check -> Maildir path. Runs on worker
// threads; every failure path spends one password verification so that replies and timing
// look the same whether or not the user exists (DESIGN.md, Auth).
#include "auth/authenticator.hpp"

#include <string>

#include "auth/password.hpp"
#include "base/log.hpp"

namespace roost::auth {
namespace {

constexpr std::string_view kLogComponent = "auth";

void log_failure(std::string_view name, std::string_view reason) {
    log::info(kLogComponent, "user=<" + log::untrusted(name) + ">: " + std::string(reason));
}

// Opens the store on first use (roostd may start before the first `roostadm user add`
// creates the database) and finds the user; store errors are logged and read as "no user".
std::optional<UserRecord> look_up(std::unique_ptr<UserStore>& store, const std::string& db_path,
                                  const std::string& name) {
    if (!store) {
        auto opened = UserStore::open(db_path);
        if (!opened) {
            log::error(kLogComponent, opened.error().message);
            return std::nullopt;
        }
        store = std::move(*opened);
    }
    auto found = store->find(name);
    if (!found) {
        log::error(kLogComponent, "user=<" + name + ">: " + found.error().message);
        // A connection in a bad state stays bad; open afresh on the next attempt.
        store.reset();
        return std::nullopt;
    }
    return std::move(*found);
}

}  // namespace

Authenticator::Authenticator(std::string user_db_path, std::string mail_location)
    : db_path_(std::move(user_db_path)), mail_location_(std::move(mail_location)) {}

std::optional<AuthenticatedUser> Authenticator::authenticate(const std::string& user, const std::string& password) {
    auto canonical = canonical_user_name(user);
    if (!canonical) {
        verify_dummy(password);
        log_failure(user, "invalid user name (" + canonical.error().message + ")");
        return std::nullopt;
    }

    std::optional<UserRecord> record;
    {
        // Only the SQLite work is serialised; the slow hash check below runs in parallel.
        std::lock_guard<std::mutex> lock(mutex_);
        record = look_up(store_, db_path_, *canonical);
    }

    if (!record || !record->enabled) {
        verify_dummy(password);
        log_failure(*canonical, !record ? "unknown user" : "user is disabled");
        return std::nullopt;
    }
    if (!verify_password(record->password_hash, password)) {
        log_failure(*canonical, "password mismatch");
        return std::nullopt;
    }
    const std::string& location = record->mail.empty() ? mail_location_ : record->mail;
    auto maildir = expand_mail_location(location, *record);
    if (!maildir) {
        log::error(kLogComponent, "user=<" + *canonical + ">: " + maildir.error().message);
        return std::nullopt;
    }
    return AuthenticatedUser{*canonical, std::move(*maildir)};
}

}  // namespace roost::auth
