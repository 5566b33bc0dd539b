// STAT (RFC 1939 §5): "+OK nn mm", messages and octets not marked as deleted.
#include "pop3/cmd/handlers.hpp"
#include "pop3/session.hpp"

namespace roost::pop3::cmd {

Flow stat(Session& session, const proto::Command&) {
    const Maildrop& drop = session.maildrop();
    session.reply_ok(std::to_string(drop.live_count()) + " " + std::to_string(drop.live_octets()));
    return Flow::Done;
}

}  // namespace roost::pop3::cmd
