// AUTH mechanism [initial-response] (RFC 5034): SASL over POP3. The mechanisms themselves are
// auth::sasl; this file does the base64, the "*" cancel and the exchange's lines.
#include "base/strings.hpp"
#include "pop3/cmd/handlers.hpp"
#include "pop3/login.hpp"
#include "pop3/session.hpp"

namespace roost::pop3::cmd {
namespace {

// Acts on one step of the mechanism: another challenge, the credentials, or a failure.
Flow advance(Session& session, auth::sasl::Step step) {
    Session::Login& login = session.login();
    if (auto* challenge = std::get_if<auth::sasl::Challenge>(&step)) {
        // RFC 5034 §4: "+" SP base64 challenge; the next line is the client's response.
        session.send(proto::sasl_challenge(challenge->data));
        return Flow::Done;
    }
    std::string method = login.mechanism_name;
    login.mechanism.reset();
    login.mechanism_name.clear();
    if (auto* credentials = std::get_if<auth::sasl::Credentials>(&step)) {
        // No master users: an authorization identity must name the user itself.
        if (!credentials->authzid.empty() && credentials->authzid != credentials->authcid) {
            return fail_login(session, credentials->authcid, method);
        }
        return verify_login(session, credentials->authcid, credentials->password, method);
    }
    // A malformed exchange fails like a wrong password (same delay, same answer).
    return fail_login(session, "", method);
}

bool offered(const Session& session, const std::string& mechanism) {
    for (const std::string& name : offered_mechanisms(session)) {
        if (name == mechanism) return true;
    }
    return false;
}

}  // namespace

Flow auth(Session& session, const proto::Command& command) {
    const auto& args = std::get<proto::Auth>(command);
    if (args.mechanism.empty()) {
        // A bare AUTH predates RFC 5034 (RFC 1734 clients such as old Outlook): list the
        // mechanisms as a multi-line response, as Dovecot does.
        session.send(proto::multi_line("", offered_mechanisms(session)));
        return Flow::Done;
    }
    if (!offered(session, args.mechanism)) {
        if (auth::sasl::make_mechanism(args.mechanism) && !session.plaintext_auth_allowed()) {
            refuse_plaintext(session);
        } else {
            session.reply_err("Unsupported authentication mechanism.");
        }
        return Flow::Done;
    }
    std::string initial;
    if (args.initial && *args.initial != "=") {
        // RFC 5034 §4: "=" is an empty initial response; anything else is base64.
        auto decoded = base64_decode(*args.initial);
        if (!decoded) {
            session.reply_err("Invalid base64 data in initial response.");
            return Flow::Done;
        }
        initial = std::move(*decoded);
    }
    Session::Login& login = session.login();
    login.mechanism = auth::sasl::make_mechanism(args.mechanism);
    login.mechanism_name = args.mechanism;
    login.user_from_user_command.clear();
    return advance(session, login.mechanism->start(args.initial.has_value(), initial));
}

Flow auth_continue(Session& session, std::string_view line) {
    Session::Login& login = session.login();
    if (line == "*") {
        // RFC 5034 §4: the client cancels; the server "MUST reject the AUTH command".
        login.mechanism.reset();
        login.mechanism_name.clear();
        session.reply_err("Authentication cancelled.");
        return Flow::Done;
    }
    auto decoded = base64_decode(line);
    if (!decoded) {
        login.mechanism.reset();
        login.mechanism_name.clear();
        session.reply_err("Invalid base64 data in continued response.");
        return Flow::Done;
    }
    return advance(session, login.mechanism->next(*decoded));
}

}  // namespace roost::pop3::cmd
