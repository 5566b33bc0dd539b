// FETCH and UID FETCH (RFC 3501 §6.4.5, §6.4.8). Messages are read and rendered on the worker
// pool in batches of about kBatchBytes; the next batch starts only once the write queue has
// drained below its high-water mark, so FETCH 1:* of a large mailbox never sits in memory
// whole. No sync happens here: EXPUNGE responses are not allowed during FETCH (§7.4.1).
#include <memory>

#include "imap/batch_outcome.hpp"
#include "imap/cmd/handlers.hpp"
#include "imap/fetch_render.hpp"
#include "imap/mailbox_sync.hpp"
#include "imap/proto/args.hpp"

namespace roost::imap::cmd {
namespace {

constexpr size_t kBatchBytes = 1 << 20;
constexpr size_t kBatchMessages = 1000;

struct FetchJob : BatchOutcome {
    std::string tag;
    FetchPlan plan;
    std::vector<uint32_t> seqs;
    size_t next = 0;
};

// Worker: the message's ENVELOPE/BODY/BODYSTRUCTURE from the index cache; on a miss they are
// computed from the content (read now unless the plan already read it) and cached, so a later
// FETCH does not read or parse the file again.
storage::SResult<void> load_structure(storage::Mailbox& mailbox, uint32_t uid, bool have_content,
                                      FetchedMessage& message) {
    MessageStructure& s = message.structure;
    const std::pair<std::string_view, std::string*> fields[] = {
        {kEnvelopeCacheKey, &s.envelope}, {kBodyCacheKey, &s.body}, {kBodyStructureCacheKey, &s.body_structure}};
    bool complete = true;
    for (const auto& [key, value] : fields) {
        auto cached = mailbox.cached_field(uid, key);
        if (!cached) return cached.error();
        if (!*cached) {
            complete = false;
            break;
        }
        *value = std::move(**cached);
    }
    if (complete) return {};
    std::string read_now;
    if (!have_content) {
        auto read = mailbox.read(uid);
        if (!read) return read.error();
        read_now = std::move(*read);
    }
    s = compute_structure(have_content ? message.content : read_now);
    for (const auto& [key, value] : fields)
        if (auto stored = mailbox.store_cached_field(uid, key, *value); !stored) return stored.error();
    return {};
}

// Worker: renders messages from job.next until the batch is full.
void render_batch(storage::Mailbox& mailbox, FetchJob& job) {
    size_t rendered = 0;
    while (job.next < job.seqs.size() && job.out.size() < kBatchBytes && rendered < kBatchMessages) {
        uint32_t seq = job.seqs[job.next++];
        ++rendered;
        storage::MessageInfo info = mailbox.messages()[seq - 1];
        FetchedMessage message;
        if (job.plan.needs_content) {
            auto read = mailbox.read(info.uid);
            if (!read) {
                if (job.skip_message(read.error())) continue;
                return;
            }
            message.content = std::move(*read);
        }
        if (job.plan.needs_structure) {
            auto loaded = load_structure(mailbox, info.uid, job.plan.needs_content, message);
            if (!loaded) {
                if (job.skip_message(loaded.error())) continue;
                return;
            }
        }
        bool flags_changed = false;
        if (job.plan.sets_seen && !(info.flags & storage::kSeen)) {
            info.flags |= storage::kSeen;
            auto stored = mailbox.set_flags(info.uid, info.flags, info.keywords);
            if (!stored) {
                if (job.skip_message(stored.error())) continue;
                return;
            }
            flags_changed = true;
        }
        job.out += render_fetch(seq, info, mailbox.is_recent(info.uid), message, job.plan, flags_changed);
    }
}

void run_batch(Session& session, std::shared_ptr<FetchJob> job) {
    storage::Mailbox* mailbox = session.mailbox();
    session.offload([mailbox, job] { render_batch(*mailbox, *job); },
                    [&session, job] {
                        session.send(std::move(job->out));
                        job->out.clear();
                        if (!job->failure && job->next < job->seqs.size())
                            return session.when_drained([&session, job] { run_batch(session, job); });
                        finish_batch(session, job->tag, *job, "Fetch completed.");
                    });
}

}  // namespace

void fetch(Session& session, proto::Request request) {
    bool uid_command = request.command == "UID FETCH";
    auto args = proto::parse_fetch(request.args);
    if (!args) return session.finish(request.tag, "BAD", "", "Error in IMAP command FETCH: " + args.error().message);

    storage::Mailbox& mailbox = *session.mailbox();
    auto job = std::make_shared<FetchJob>();
    job->tag = request.tag;
    auto seqs = resolve_set(args->set, uid_command, mailbox);
    if (!seqs) return session.finish(request.tag, "BAD", "", "Error in IMAP command FETCH: Invalid messageset");
    job->seqs = std::move(*seqs);
    job->plan = make_fetch_plan(std::move(args->items), uid_command, mailbox.read_only());
    if (job->seqs.empty()) return session.finish(request.tag, "OK", "", "Fetch completed.");
    run_batch(session, job);
}

}  // namespace roost::imap::cmd
