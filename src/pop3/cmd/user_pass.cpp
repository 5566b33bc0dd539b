// USER name / PASS string (RFC 1939 §7): the plaintext login.
#include "pop3/cmd/handlers.hpp"
#include "pop3/login.hpp"
#include "pop3/session.hpp"

namespace roost::pop3::cmd {

Flow user(Session& session, const proto::Command& command) {
    if (!session.plaintext_auth_allowed()) {
        refuse_plaintext(session);
        return Flow::Done;
    }
    session.login().user_from_user_command = std::get<proto::User>(command).name;
    session.reply_ok("");
    return Flow::Done;
}

Flow pass(Session& session, const proto::Command& command) {
    if (!session.plaintext_auth_allowed()) {
        refuse_plaintext(session);
        return Flow::Done;
    }
    std::string user = std::move(session.login().user_from_user_command);
    session.login().user_from_user_command.clear();
    if (user.empty()) {
        // RFC 1939 §7: PASS "may only be given ... immediately after a successful USER".
        session.reply_err("No username given.");
        return Flow::Done;
    }
    return verify_login(session, std::move(user), std::get<proto::Pass>(command).password, "PLAIN");
}

}  // namespace roost::pop3::cmd
