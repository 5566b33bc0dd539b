// EXPUNGE (RFC 3501 §6.4.3): removes the \Deleted messages and reports each with an
// untagged EXPUNGE, numbered so that every line is valid after the ones before it (§7.4.1).
// Changes made by other sessions are reported first.
#include <memory>

#include "imap/cmd/handlers.hpp"
#include "imap/mailbox_sync.hpp"
#include "imap/reply.hpp"
#include "imap/expunge_deleted.hpp"

namespace roost::imap::cmd {

void expunge(Session& session, proto::Request request) {
    if (!request.args.empty()) return session.finish(request.tag, "BAD", "", "EXPUNGE takes no arguments.");
    storage::Mailbox* mailbox = session.mailbox();
    if (mailbox->read_only()) return session.finish(request.tag, "NO", "", "Mailbox is read-only.");

    auto result = std::make_shared<storage::SResult<std::string>>(std::string());
    session.offload(
        [mailbox, result] {
            auto synced = sync_and_report(*mailbox);
            if (!synced) {
                *result = synced.error();
                return;
            }
            auto expunged = expunge_deleted(*mailbox);
            if (!expunged) {
                *result = expunged.error();
                return;
            }
            *result = std::move(*synced) + std::move(*expunged);
        },
        [&session, result, tag = request.tag] {
            if (!*result) return session.finish_line(failure_reply(tag, result->error(), session.user()));
            session.send(std::move(result->value()));
            session.finish(tag, "OK", "", "Expunge completed.");
        });
}

}  // namespace roost::imap::cmd
