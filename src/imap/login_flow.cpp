#include "imap/login_flow.hpp"

#include <memory>
#include <optional>

#include "auth/login_policy.hpp"
#include "imap/reply.hpp"

namespace roost::imap {
namespace {

struct Outcome {
    std::optional<auth::AuthenticatedUser> user;
    std::unique_ptr<storage::MailStore> store;
    std::optional<storage::Failure> store_error;
};

}  // namespace

void reject_credentials(Session& session, std::string tag, std::string user, std::string method) {
    session.login_failed(user, method);
    // Dovecot's auth_failure_delay: answer late so that guessing passwords is slow.
    session.after(auth::kFailedLoginDelayMs, [&session, tag = std::move(tag)] {
        session.finish(tag, "NO", "AUTHENTICATIONFAILED", "Authentication failed.");
    });
}

void verify_credentials(Session& session, std::string tag, std::string user, std::string password,
                        std::string method) {
    auto outcome = std::make_shared<Outcome>();
    auth::Authenticator& authenticator = session.context().authenticator;
    const Context::StoreOpener& open_store = session.context().open_store;
    session.offload(
        [outcome, &authenticator, &open_store, user, password = std::move(password)] {
            outcome->user = authenticator.authenticate(user, password);
            if (!outcome->user) return;
            auto store = open_store ? open_store(outcome->user->name, outcome->user->maildir_root)
                                    : storage::open_maildir_store(outcome->user->maildir_root);
            if (store)
                outcome->store = std::move(*store);
            else
                outcome->store_error = store.error();
        },
        [&session, outcome, tag = std::move(tag), user, method = std::move(method)] {
            if (!outcome->user) return reject_credentials(session, tag, user, method);
            if (!outcome->store)
                return session.finish_line(failure_reply(tag, *outcome->store_error, outcome->user->name));
            session.logged_in(outcome->user->name, std::move(outcome->store), method);
            // RFC 3501 §7.1: the CAPABILITY code spares the client a second round trip.
            session.finish(tag, "OK", "CAPABILITY " + session.capability(), "Logged in");
        });
}

void refuse_plaintext(Session& session, const std::string& tag) {
    session.plaintext_refused();
    session.finish(tag, "NO", "PRIVACYREQUIRED",
                   "Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
}

}  // namespace roost::imap
