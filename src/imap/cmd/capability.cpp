// CAPABILITY (RFC 3501 §6.1.1): the list depends on the state and on TLS (session.cpp).
#include "imap/cmd/handlers.hpp"
#include "imap/proto/writer.hpp"

namespace roost::imap::cmd {

void capability(Session& session, proto::Request request) {
    if (!request.args.empty()) return session.finish(request.tag, "BAD", "", "CAPABILITY takes no arguments.");
    session.send(proto::untagged("CAPABILITY " + session.capability()));
    session.finish(request.tag, "OK", "",
                   session.state() == State::NotAuthenticated
                       ? "Pre-login capabilities listed, post-login capabilities have more."
                       : "Capability completed.");
}

}  // namespace roost::imap::cmd
