// COPY and UID COPY (RFC 3501 §6.4.7, §6.4.8). The copies keep flags, keywords and
// INTERNALDATE and are \Recent in the target (§2.3.2); the tagged OK carries RFC 4315
// [COPYUID uidvalidity source-uids target-uids]. A missing target is NO [TRYCREATE]. The copy
// is all or nothing (storage removes partial copies). Copying from an EXAMINEd mailbox is
// allowed (it changes only the target), as with Dovecot. A copy into the selected mailbox
// is reported with EXISTS/RECENT by the sync the session runs when COPY completes.
#include <memory>

#include "imap/cmd/handlers.hpp"
#include "imap/mailbox_sync.hpp"
#include "imap/proto/args.hpp"
#include "imap/reply.hpp"

namespace roost::imap::cmd {
namespace {

struct CopyJob {
    std::string target;
    std::vector<uint32_t> uids;
    storage::SResult<storage::CopiedMessages> copied = storage::CopiedMessages{};
};

}  // namespace

void copy(Session& session, proto::Request request) {
    const bool uid_command = request.command == "UID COPY";
    auto args = proto::parse_copy(request.args);
    if (!args) return session.finish_line(mailbox_argument_reply(request.tag, request.command, args.error()));
    storage::Mailbox* mailbox = session.mailbox();
    auto seqs = resolve_set(args->set, uid_command, *mailbox);
    if (!seqs) return session.finish(request.tag, "BAD", "", "Error in IMAP command COPY: Invalid messageset.");
    if (seqs->empty()) return session.finish(request.tag, "OK", "", "No messages found.");

    auto job = std::make_shared<CopyJob>();
    job->target = std::move(args->mailbox);
    for (uint32_t seq : *seqs) job->uids.push_back(mailbox->messages()[seq - 1].uid);
    session.offload(
        [mailbox, job] { job->copied = mailbox->copy_to(job->uids, job->target); },
        [&session, job, tag = request.tag] {
            if (!job->copied) {
                if (job->copied.error().code == storage::ErrorCode::NotFound)
                    return session.finish(tag, "NO", "TRYCREATE",
                                          "Mailbox doesn't exist: " + mailbox_for_text(job->target) + ".");
                return session.finish_line(failure_reply(tag, job->copied.error(), session.user()));
            }
            const storage::CopiedMessages& copied = *job->copied;
            session.finish(tag, "OK",
                           "COPYUID " + std::to_string(copied.uidvalidity) + " " +
                               proto::format_sequence_set(copied.source_uids) + " " +
                               proto::format_sequence_set(copied.target_uids),
                           "Copy completed.");
        });
}

}  // namespace roost::imap::cmd
