// NOOP (RFC 1939 §5).
#include "pop3/cmd/handlers.hpp"
#include "pop3/session.hpp"

namespace roost::pop3::cmd {

Flow noop(Session& session, const proto::Command&) {
    session.reply_ok("");
    return Flow::Done;
}

}  // namespace roost::pop3::cmd
