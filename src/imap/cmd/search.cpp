// SEARCH and UID SEARCH (RFC 3501 §6.4.4, §6.4.8, §7.2.5). The program is evaluated on the
// worker pool in batches, so a search of a large mailbox never holds the loop; a message's
// file is read only when a key needs its content (imap/search_match.hpp). No sync happens
// here: EXPUNGE responses are not allowed during SEARCH (§7.4.1), and the view stays the one
// the client's sequence numbers refer to. Results are ascending; with no match the answer is
// a bare "* SEARCH".
#include <memory>

#include "imap/batch_outcome.hpp"
#include "imap/cmd/handlers.hpp"
#include "imap/proto/args.hpp"
#include "imap/proto/writer.hpp"
#include "imap/search_match.hpp"
#include "mail/message.hpp"

namespace roost::imap::cmd {
namespace {

// Per batch: stop after this many octets of content read, or this many messages.
constexpr size_t kBatchBytes = 4 << 20;
constexpr size_t kBatchMessages = 5000;

struct SearchJob : BatchOutcome {
    std::string tag;
    bool uid_command = false;
    proto::SearchKey program;
    bool needs_content = false;
    uint32_t next_seq = 1;
    std::string results;  // " n" for each match
};

// Worker: evaluates messages from job.next_seq until the batch is full.
void search_batch(storage::Mailbox& mailbox, SearchJob& job) {
    const auto& messages = mailbox.messages();
    uint32_t count = static_cast<uint32_t>(messages.size());
    uint32_t max_uid = messages.empty() ? 0 : messages.back().uid;
    size_t bytes_read = 0;
    size_t evaluated = 0;
    while (job.next_seq <= count && bytes_read < kBatchBytes && evaluated < kBatchMessages) {
        uint32_t seq = job.next_seq++;
        ++evaluated;
        const storage::MessageInfo& info = messages[seq - 1];
        std::string content;
        std::unique_ptr<mail::SearchableMessage> searchable;
        bool unreadable = false;
        SearchCandidate candidate{seq, &info, mailbox.is_recent(info.uid), count, max_uid, nullptr};
        candidate.content = [&]() -> mail::SearchableMessage* {
            if (!searchable && !unreadable) {
                auto read = mailbox.read(info.uid);
                if (!read) {
                    unreadable = true;
                    if (!job.skip_message(read.error())) job.next_seq = count + 1;  // stop: a real failure
                    return nullptr;
                }
                content = std::move(*read);
                bytes_read += content.size();
                searchable = std::make_unique<mail::SearchableMessage>(content);
            }
            return searchable.get();
        };
        if (search_matches(job.program, candidate) && !unreadable)
            job.results += " " + std::to_string(job.uid_command ? info.uid : seq);
    }
}

void run_batch(Session& session, std::shared_ptr<SearchJob> job) {
    storage::Mailbox* mailbox = session.mailbox();
    session.offload([mailbox, job] { search_batch(*mailbox, *job); },
                    [&session, job] {
                        if (!job->failure && job->next_seq <= session.mailbox()->messages().size())
                            return run_batch(session, job);
                        if (!job->failure) session.send(proto::untagged("SEARCH" + job->results));
                        finish_batch(session, job->tag, *job, "Search completed.");
                    });
}

}  // namespace

void search(Session& session, proto::Request request) {
    auto args = proto::parse_search(request.args);
    if (!args) {
        if (args.error().unknown_charset)
            return session.finish(request.tag, "NO", "BADCHARSET", args.error().message);
        return session.finish(request.tag, "BAD", "", "Error in IMAP command SEARCH: " + args.error().message);
    }
    auto job = std::make_shared<SearchJob>();
    job->tag = request.tag;
    job->uid_command = request.command == "UID SEARCH";
    job->program = std::move(args->program);
    run_batch(session, job);
}

}  // namespace roost::imap::cmd
