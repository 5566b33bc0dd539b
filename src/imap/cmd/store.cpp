// STORE and UID STORE (RFC 3501 §6.4.6, §6.4.8): FLAGS / +FLAGS / -FLAGS with .SILENT.
// Each message whose flags changed gets an untagged FETCH with its new flags unless .SILENT
// (UID STORE adds the UID). No sync happens here: EXPUNGE responses are not allowed during STORE (§7.4.1).
#include <memory>

#include "imap/batch_outcome.hpp"
#include "imap/cmd/handlers.hpp"
#include "imap/flags.hpp"
#include "imap/mailbox_sync.hpp"
#include "imap/proto/args.hpp"
#include "imap/proto/writer.hpp"

namespace roost::imap::cmd {
namespace {

struct StoreJob : BatchOutcome {
    std::string tag;
    proto::StoreArgs::Operation operation;
    FlagSet change;
    bool silent = false;
    bool uid_command = false;
    std::vector<uint32_t> seqs;
};

void apply(storage::Mailbox& mailbox, StoreJob& job) {
    using Operation = proto::StoreArgs::Operation;
    for (uint32_t seq : job.seqs) {
        const storage::MessageInfo& info = mailbox.messages()[seq - 1];
        FlagSet current{info.flags, info.keywords};
        FlagSet wanted = job.operation == Operation::Replace ? job.change
                         : job.operation == Operation::Add   ? add_flags(current, job.change)
                                                             : remove_flags(current, job.change);
        // Nothing changed, nothing to report (as Dovecot does; RFC 3501 §6.4.6 makes the
        // FETCH a courtesy, not a duty).
        if (same_flags(current, wanted)) continue;
        auto stored = mailbox.set_flags(info.uid, wanted.flags, wanted.keywords);
        if (!stored) {
            if (job.skip_message(stored.error())) continue;
            return;
        }
        if (job.silent) continue;
        std::string line = std::to_string(seq) + " FETCH (";
        if (job.uid_command) line += "UID " + std::to_string(info.uid) + " ";
        line += "FLAGS " + flag_list(wanted.flags, wanted.keywords, mailbox.is_recent(info.uid)) + ")";
        job.out += proto::untagged(line);
    }
}

}  // namespace

void store(Session& session, proto::Request request) {
    auto args = proto::parse_store(request.args);
    if (!args) return session.finish(request.tag, "BAD", "", "Error in IMAP command STORE: " + args.error().message);
    storage::Mailbox* mailbox = session.mailbox();
    // RFC 3501 §6.3.2: EXAMINE allows no change. Dovecot answers OK and changes nothing;
    // clients that STORE anyway expect no error.
    if (mailbox->read_only()) return session.finish(request.tag, "OK", "", "Store ignored with read-only mailbox.");

    auto job = std::make_shared<StoreJob>();
    job->tag = request.tag;
    job->operation = args->operation;
    job->change = to_flag_set(args->flags);
    job->silent = args->silent;
    job->uid_command = request.command == "UID STORE";
    auto seqs = resolve_set(args->set, job->uid_command, *mailbox);
    if (!seqs) return session.finish(request.tag, "BAD", "", "Error in IMAP command STORE: Invalid messageset");
    job->seqs = std::move(*seqs);
    session.offload([mailbox, job] { apply(*mailbox, *job); },
                    [&session, job] {
                        session.send(std::move(job->out));
                        finish_batch(session, job->tag, *job, "Store completed.");
                    });
}

}  // namespace roost::imap::cmd
