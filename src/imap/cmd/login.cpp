// LOGIN userid password (RFC 3501 §6.2.3).
#include "imap/cmd/handlers.hpp"
#include "imap/login_flow.hpp"
#include "imap/proto/args.hpp"

namespace roost::imap::cmd {

void login(Session& session, proto::Request request) {
    if (request.args.size() != 2) return session.finish(request.tag, "BAD", "", "LOGIN expects a user and a password.");
    auto user = proto::parse_astring(request.args[0]);
    auto password = proto::parse_astring(request.args[1]);
    if (!user || !password) return session.finish(request.tag, "BAD", "", "Invalid user name or password syntax.");
    // RFC 3501 §6.2.3: with LOGINDISABLED advertised, LOGIN must fail.
    if (!session.auth_allowed()) return refuse_plaintext(session, request.tag);
    verify_credentials(session, request.tag, std::move(*user), std::move(*password), "PLAIN");
}

}  // namespace roost::imap::cmd
