// CLOSE (RFC 3501 §6.4.2): silently expunges the \Deleted messages of a read-write mailbox
// (no untagged EXPUNGE) and returns to the authenticated state.
#include <memory>

#include "imap/cmd/handlers.hpp"
#include "imap/expunge_deleted.hpp"
#include "imap/reply.hpp"

namespace roost::imap::cmd {

void close(Session& session, proto::Request request) {
    if (!request.args.empty()) return session.finish(request.tag, "BAD", "", "CLOSE takes no arguments.");
    // The state changes whatever happens to the expunge.
    std::shared_ptr<storage::Mailbox> mailbox = session.deselect();
    auto failure = std::make_shared<std::optional<storage::Failure>>();
    session.offload(
        [mailbox, failure] {
            if (mailbox->read_only()) return;
            auto expunged = expunge_deleted(*mailbox);
            if (!expunged) *failure = expunged.error();
        },
        [&session, failure, tag = request.tag] {
            if (*failure) return session.finish_line(failure_reply(tag, **failure, session.user()));
            session.finish(tag, "OK", "", "Close completed.");
        });
}

}  // namespace roost::imap::cmd
