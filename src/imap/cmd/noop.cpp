// NOOP (RFC 3501 §6.1.2) and CHECK (§6.4.1): with a mailbox selected, both are the client's
// way to poll. The command table marks them SyncAfter::Report, so the session syncs when they
// complete and reports new, expunged and re-flagged messages before the tagged OK.
#include "imap/cmd/handlers.hpp"

namespace roost::imap::cmd {

void noop(Session& session, proto::Request request) {
    if (!request.args.empty()) return session.finish(request.tag, "BAD", "", "No arguments expected.");
    session.finish(request.tag, "OK", "", request.command == "CHECK" ? "Check completed." : "NOOP completed.");
}

}  // namespace roost::imap::cmd
