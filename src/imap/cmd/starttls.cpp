// STARTTLS (RFC 3501 §6.2.1, RFC 2595 §3.1).
#include "imap/cmd/handlers.hpp"
#include "imap/proto/writer.hpp"

namespace roost::imap::cmd {

void starttls(Session& session, proto::Request request) {
    if (!request.args.empty()) return session.finish(request.tag, "BAD", "", "STARTTLS takes no arguments.");
    if (session.tls_active()) return session.finish(request.tag, "BAD", "", "TLS is already active.");
    if (!session.tls_available()) return session.finish(request.tag, "BAD", "", "TLS support isn't enabled.");
    // The OK goes out in clear; the handshake starts right after it (begin_tls discards
    // any command the client pipelined behind STARTTLS).
    session.send(proto::tagged(request.tag, "OK", "", "Begin TLS negotiation now."));
    session.begin_tls();
    session.finish_line(std::string());
}

}  // namespace roost::imap::cmd
