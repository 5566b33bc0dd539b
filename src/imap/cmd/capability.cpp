// CAPABILITY (RFC 3501 §6.1.1): the list depends on the state and on TLS (session.cpp).
#include "imap/cmd/handlers.hpp"
#include "imap/proto/writer.hpp"

namespace roost::imap::cmd {

void capability(Session& session, proto::Request request) {
    if (!request.args.empty()) return session.finish(request.tag, "BAD", "", "CAPABILITY takes no arguments.");
    session.send(proto::untagged("CAPABILITY " + session.capability()));
    // Not Dovecot's "post-login capabilities have more": here the list after login is shorter
    // (no SASL-IR, STARTTLS or AUTH=), and a client must not be told otherwise.
    session.finish(request.tag, "OK", "", "Capability completed.");
}

}  // namespace roost::imap::cmd
