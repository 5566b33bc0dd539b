// RSET (RFC 1939 §5): unmark every message marked as deleted, and (as Dovecot does) forget
// which were retrieved, so that QUIT does not mark them \Seen.
#include "pop3/cmd/handlers.hpp"
#include "pop3/session.hpp"

namespace roost::pop3::cmd {

Flow rset(Session& session, const proto::Command&) {
    Maildrop& drop = session.maildrop();
    drop.reset_marks();
    session.reply_ok(std::to_string(drop.live_count()) + " messages (" + std::to_string(drop.live_octets()) + " octets)");
    return Flow::Done;
}

}  // namespace roost::pop3::cmd
