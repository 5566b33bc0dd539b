// APPEND (RFC 3501 §6.3.11). A missing mailbox gets NO [TRYCREATE]; an append to the
// selected mailbox is reported with EXISTS/RECENT before the tagged OK, as Dovecot does (by the
// sync the session runs when APPEND completes, see SyncAfter in commands.hpp).
// The OK carries [APPENDUID uidvalidity uid] (RFC 4315 §3): mbsync and others learn the new
// message's UID from it instead of searching for the message afterwards.
#include <ctime>
#include <memory>

#include "imap/cmd/handlers.hpp"
#include "imap/flags.hpp"
#include "imap/proto/args.hpp"
#include "imap/proto/writer.hpp"
#include "imap/reply.hpp"

namespace roost::imap::cmd {
namespace {

struct AppendJob {
    proto::AppendArgs args;
    FlagSet flags;
    std::optional<storage::Failure> failure;
    storage::AppendedMessage appended;
};

}  // namespace

void append(Session& session, proto::Request request) {
    auto args = proto::parse_append(std::move(request.args));
    if (!args) {
        if (args.error().message == proto::kInvalidMutf7Name)
            return session.finish_line(mailbox_argument_reply(request.tag, "APPEND", args.error()));
        return session.finish(request.tag, "BAD", "", "Error in IMAP command APPEND: " + args.error().message);
    }
    if (args->message.empty()) return session.finish(request.tag, "NO", "", "Can't save a zero byte message.");

    auto job = std::make_shared<AppendJob>();
    job->args = std::move(*args);
    job->flags = to_flag_set(job->args.flags);
    storage::MailStore& store = session.store();
    session.offload(
        [job, &store] {
            int64_t date = job->args.internal_date.value_or(static_cast<int64_t>(std::time(nullptr)));
            auto appended =
                store.append(job->args.mailbox, job->args.message, job->flags.flags, job->flags.keywords, date);
            job->args.message.clear();
            job->args.message.shrink_to_fit();
            if (!appended) {
                job->failure = appended.error();
                return;
            }
            job->appended = *appended;
        },
        [&session, job, tag = request.tag] {
            if (job->failure) {
                if (job->failure->code == storage::ErrorCode::NotFound)
                    return session.finish(tag, "NO", "TRYCREATE",
                                          "Mailbox doesn't exist: " + mailbox_for_text(job->args.mailbox) + ".");
                return session.finish_line(failure_reply(tag, *job->failure, session.user()));
            }
            session.finish(tag, "OK",
                           "APPENDUID " + std::to_string(job->appended.uidvalidity) + " " +
                               std::to_string(job->appended.uid),
                           "Append completed.");
        });
}

}  // namespace roost::imap::cmd
