// DELE msg (RFC 1939 §5): only marks; the message goes at QUIT (UPDATE state), or never.
#include "pop3/cmd/handlers.hpp"
#include "pop3/session.hpp"

namespace roost::pop3::cmd {

Flow dele(Session& session, const proto::Command& command) {
    Maildrop& drop = session.maildrop();
    uint32_t number = std::get<proto::Dele>(command).message;
    std::string error;
    Maildrop::Message* m = drop.find(number, error);  // already marked: -ERR (RFC 1939 §5)
    if (!m) {
        session.reply_err(error);
        return Flow::Done;
    }
    drop.mark_deleted(*m);
    session.reply_ok("Marked to be deleted.");
    return Flow::Done;
}

}  // namespace roost::pop3::cmd
