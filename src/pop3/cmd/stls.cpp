// STLS (RFC 2595 §4): upgrade to TLS in the AUTHORIZATION state.
#include "pop3/cmd/handlers.hpp"
#include "pop3/session.hpp"

namespace roost::pop3::cmd {

Flow stls(Session& session, const proto::Command&) {
    if (session.tls_active()) {
        session.reply_err("TLS is already active.");
        return Flow::Done;
    }
    if (!session.tls_available()) {
        session.reply_err("TLS support isn't enabled.");
        return Flow::Done;
    }
    // The +OK goes out in plaintext first; the handshake follows (Connection::start_tls).
    session.reply_ok("Begin TLS negotiation now.");
    // RFC 2595 §4 (and §3.1's reasoning): a USER given before the upgrade is forgotten, and
    // pipelined input is discarded inside start_tls().
    session.login().user_from_user_command.clear();
    if (!session.start_tls()) session.close("TLS handshake could not start");
    return Flow::Done;
}

}  // namespace roost::pop3::cmd
