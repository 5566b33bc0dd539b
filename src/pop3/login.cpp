#include "pop3/login.hpp"

#include <memory>
#include <optional>
#include <utility>

#include "auth/login_policy.hpp"
#include "auth/sasl/mechanism.hpp"
#include "base/strings.hpp"
#include "base/log.hpp"
#include "pop3/session.hpp"

namespace roost::pop3 {
namespace {

void open_maildrop(Session& session, const auth::AuthenticatedUser& user, MailboxLock lock) {
    struct Opening {
        auth::AuthenticatedUser user;
        std::optional<MailboxLock> lock;
        storage::SResult<std::unique_ptr<Maildrop>> result{storage::Failure{storage::ErrorCode::Io, "not run"}};
    };
    auto state = std::make_shared<Opening>();
    state->user = user;
    state->lock.emplace(std::move(lock));
    session.offload([state] { state->result = Maildrop::open(state->user.maildir_root); },
                    [&session, state] {
                        if (session.closed()) return;  // the lock goes with `state`
                        if (!state->result) {
                            log::error("pop3(" + state->user.name + ")",
                                       "Couldn't open INBOX: " + state->result.error().message);
                            session.reply_err("[SYS/TEMP] Couldn't open INBOX.");
                            session.close("Couldn't open INBOX");
                            session.command_finished();
                            return;
                        }
                        session.begin_transaction(state->user.name, std::move(*state->result),
                                                  std::move(*state->lock));
                        session.reply_ok("Logged in.");
                        session.command_finished();
                    });
}

void logged_in(Session& session, const auth::AuthenticatedUser& user, const std::string& method) {
    session.login().last_user = user.name;
    log::info("pop3-login",
              "Login: user=<" + user.name + ">, method=" + method + ", " + session.connection_log_fields());
    // RFC 2449 §8.1.2 [IN-USE]; RFC 1939 §8 allows refusing a second session on a maildrop.
    // Dovecot closes the connection after this answer, and so do we.
    std::optional<MailboxLock> lock = MailboxLock::acquire(user.name);
    if (!lock) {
        session.reply_err("[IN-USE] Mailbox is locked by another POP3 session.");
        session.close("Mailbox is locked by another POP3 session");
        session.command_finished();
        return;
    }
    open_maildrop(session, user, std::move(*lock));
}

}  // namespace

std::vector<std::string> offered_mechanisms(const Session& session) {
    std::vector<std::string> configured = session.context().settings.auth_mechanisms;
    if (configured.empty()) configured = {"plain"};  // Dovecot's default auth_mechanisms
    std::vector<std::string> out;
    for (const std::string& name : configured) {
        std::string upper = ascii_upper(name);
        if (!auth::sasl::make_mechanism(upper)) continue;
        if (auth::sasl::is_plaintext_mechanism(upper) && !session.plaintext_auth_allowed()) continue;
        bool seen = false;
        for (const std::string& o : out) seen = seen || o == upper;
        if (!seen) out.push_back(std::move(upper));
    }
    return out;
}

Flow verify_login(Session& session, std::string user, std::string password, std::string method) {
    session.login().last_user = user;
    session.login().method = method;
    struct Check {
        std::string user, password;
        std::optional<auth::AuthenticatedUser> result;
    };
    auto check = std::make_shared<Check>();
    check->user = std::move(user);
    check->password = std::move(password);
    auth::Authenticator& authenticator = session.context().authenticator;
    // `session` outlives the callback: offload() holds a reference to it until `done` ran.
    session.offload([check, &authenticator] { check->result = authenticator.authenticate(check->user, check->password); },
                    [&session, check, method] {
                        check->password.assign(check->password.size(), '\0');
                        if (session.closed()) return;
                        if (!check->result) {
                            fail_login(session, check->user, method);
                            return;
                        }
                        logged_in(session, *check->result, method);
                    });
    return Flow::Async;
}

Flow fail_login(Session& session, std::string user, std::string method) {
    Session::Login& login = session.login();
    ++login.failed_attempts;
    login.last_user = std::move(user);
    login.method = std::move(method);
    session.after(auth::kFailedLoginDelayMs, [&session] {
        session.reply_err("[AUTH] Authentication failed.");
        session.command_finished();
    });
    return Flow::Async;
}

void refuse_plaintext(Session& session) {
    session.login().plaintext_refused = true;
    session.reply_err("[AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
}

}  // namespace roost::pop3
