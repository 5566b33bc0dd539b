// CAPA (RFC 2449 §5): the capabilities valid in the current state.
#include "pop3/cmd/handlers.hpp"
#include "pop3/login.hpp"
#include "pop3/session.hpp"

namespace roost::pop3::cmd {

Flow capa(Session& session, const proto::Command&) {
    std::vector<std::string> lines = {
        "CAPA",
        "TOP",
        "UIDL",
        "RESP-CODES",      // RFC 2449 §6.4: [IN-USE], [SYS/TEMP] ...
        "PIPELINING",      // RFC 2449 §6.6: the session queues input while a command runs
        "AUTH-RESP-CODE",  // RFC 3206 §4: [AUTH]
    };
    if (session.state() == State::Authorization) {
        // RFC 2595 §4: STLS only while it can still be used.
        if (session.tls_available() && !session.tls_active()) lines.push_back("STLS");
        // RFC 2449 §6.8: USER only when USER/PASS would be accepted now.
        if (session.plaintext_auth_allowed()) lines.push_back("USER");
        std::vector<std::string> mechanisms = offered_mechanisms(session);
        if (!mechanisms.empty()) {
            std::string sasl = "SASL";
            for (const std::string& m : mechanisms) sasl += " " + m;
            lines.push_back(std::move(sasl));
        }
    }
    session.send(proto::multi_line("Capability list follows", lines));
    return Flow::Done;
}

}  // namespace roost::pop3::cmd
