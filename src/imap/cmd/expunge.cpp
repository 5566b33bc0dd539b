// EXPUNGE (RFC 3501 §6.4.3): removes the \Deleted messages and reports each with an
// untagged EXPUNGE, numbered so that every line is valid after the ones before it (§7.4.1).
// Changes made by other sessions are reported first. UID EXPUNGE (RFC 4315 §2.1) removes
// only the \Deleted messages in its UID set, so that a client does not remove messages that
// another client marked \Deleted.
#include <memory>

#include "imap/cmd/handlers.hpp"
#include "imap/mailbox_sync.hpp"
#include "imap/proto/writer.hpp"
#include "imap/proto/args.hpp"
#include "imap/reply.hpp"
#include "imap/expunge_deleted.hpp"

namespace roost::imap::cmd {

void expunge(Session& session, proto::Request request) {
    std::shared_ptr<const proto::SeqSet> uid_set;
    if (request.command == "UID EXPUNGE") {
        if (request.args.size() != 1)
            return session.finish(request.tag, "BAD", "", "UID EXPUNGE takes one UID set.");
        auto parsed = proto::parse_sequence_set(request.args[0]);
        if (!parsed)
            return session.finish(request.tag, "BAD", "",
                                  "Error in IMAP command UID EXPUNGE: " + parsed.error().message);
        uid_set = std::make_shared<const proto::SeqSet>(std::move(*parsed));
    } else if (!request.args.empty()) {
        return session.finish(request.tag, "BAD", "", "EXPUNGE takes no arguments.");
    }
    storage::Mailbox* mailbox = session.mailbox();
    // RFC 3501 §6.3.2: EXAMINE allows no change, so nothing is expunged; Dovecot answers OK.
    if (mailbox->read_only()) return session.finish(request.tag, "OK", "", "Expunge completed.");

    auto result = std::make_shared<storage::SResult<std::string>>(std::string());
    session.offload(
        [mailbox, result, uid_set] {
            auto synced = sync_and_report(*mailbox);
            if (!synced) {
                *result = synced.error();
                return;
            }
            uint32_t recent_before = recent_count(*mailbox);
            auto expunged = expunge_deleted(*mailbox, uid_set.get());
            if (!expunged) {
                *result = expunged.error();
                return;
            }
            // RFC 3501 §7.3.2: the \Recent count changed with the mailbox's size (as Dovecot).
            uint32_t recent = recent_count(*mailbox);
            if (recent != recent_before) *expunged += proto::untagged(std::to_string(recent) + " RECENT");
            *result = std::move(*synced) + std::move(*expunged);
        },
        [&session, result, tag = request.tag] {
            if (!*result) return session.finish_line(failure_reply(tag, result->error(), session.user()));
            session.send(std::move(result->value()));
            session.finish(tag, "OK", "", "Expunge completed.");
        });
}

}  // namespace roost::imap::cmd
