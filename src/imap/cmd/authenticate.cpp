// AUTHENTICATE mechanism [initial-response] (RFC 3501 §6.2.2, SASL-IR RFC 4959).
// Challenges go out as "+ base64", responses come back as raw base64 lines; "*" cancels.
#include <memory>

#include "auth/sasl/mechanism.hpp"
#include "base/strings.hpp"
#include "imap/cmd/handlers.hpp"
#include "imap/login_flow.hpp"
#include "imap/proto/writer.hpp"

namespace roost::imap::cmd {
namespace {

struct Exchange {
    std::string tag;
    std::string method;  // upper case, for the log
    std::unique_ptr<auth::sasl::Mechanism> mechanism;
};

bool mechanism_enabled(const Session& session, const std::string& name) {
    for (const auto& enabled : session.context().settings.auth_mechanisms)
        if (iequals(enabled, name)) return true;
    return false;
}

void run_step(Session& session, std::shared_ptr<Exchange> exchange, auth::sasl::Step step) {
    if (auto* challenge = std::get_if<auth::sasl::Challenge>(&step)) {
        session.send(proto::continuation(base64_encode(challenge->data)));
        session.read_line([&session, exchange](std::optional<std::string> line) {
            if (!line) return session.finish(exchange->tag, "BAD", "", "Invalid response line.");
            if (*line == "*") return session.finish(exchange->tag, "BAD", "", "Authentication aborted by client.");
            auto decoded = base64_decode(*line);
            if (!decoded) return session.finish(exchange->tag, "BAD", "", "Invalid base64 data in response.");
            run_step(session, exchange, exchange->mechanism->next(*decoded));
        });
        return;
    }
    if (auto* credentials = std::get_if<auth::sasl::Credentials>(&step)) {
        // No master users: an authorization identity must name the same user.
        if (!credentials->authzid.empty() && credentials->authzid != credentials->authcid)
            return reject_credentials(session, exchange->tag, credentials->authcid, exchange->method);
        return verify_credentials(session, exchange->tag, credentials->authcid, credentials->password,
                                  exchange->method);
    }
    reject_credentials(session, exchange->tag, "", exchange->method);
}

}  // namespace

void authenticate(Session& session, proto::Request request) {
    if (request.args.empty() || request.args.size() > 2 || !request.args[0].is_atom())
        return session.finish(request.tag, "BAD", "", "AUTHENTICATE expects a mechanism name.");
    auto exchange = std::make_shared<Exchange>();
    exchange->tag = request.tag;
    exchange->method = ascii_upper(request.args[0].text);
    if (mechanism_enabled(session, exchange->method)) exchange->mechanism = auth::sasl::make_mechanism(exchange->method);
    if (!exchange->mechanism) return session.finish(request.tag, "NO", "", "Unsupported authentication mechanism.");
    if (!session.auth_allowed()) return refuse_plaintext(session, request.tag);

    bool has_initial = request.args.size() == 2;
    std::string initial;
    if (has_initial) {
        // RFC 4959 §3: "=" stands for an empty initial response.
        const proto::Token& token = request.args[1];
        if (!token.is_atom()) return session.finish(request.tag, "BAD", "", "Invalid initial response.");
        if (token.text != "=") {
            auto decoded = base64_decode(token.text);
            if (!decoded) return session.finish(request.tag, "BAD", "", "Invalid base64 data in initial response.");
            initial = std::move(*decoded);
        }
    }
    run_step(session, exchange, exchange->mechanism->start(has_initial, initial));
}

}  // namespace roost::imap::cmd
