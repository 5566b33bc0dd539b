// SELECT and EXAMINE (RFC 3501 §6.3.1, §6.3.2): opening a mailbox deselects the previous one
// (without expunging it) and reports FLAGS, EXISTS, RECENT, UNSEEN, PERMANENTFLAGS,
// UIDVALIDITY and UIDNEXT before the tagged [READ-WRITE] or [READ-ONLY].
#include <memory>

#include "imap/cmd/handlers.hpp"
#include "imap/flags.hpp"
#include "imap/proto/args.hpp"
#include "imap/proto/writer.hpp"
#include "imap/reply.hpp"

namespace roost::imap::cmd {
namespace {

struct Opened {
    std::unique_ptr<storage::Mailbox> previous;  // destroyed in the worker
    std::unique_ptr<storage::Mailbox> mailbox;
    std::optional<storage::Failure> failure;
    std::string untagged;
};

std::string describe(const storage::Mailbox& mailbox) {
    const auto& messages = mailbox.messages();
    uint32_t recent = 0, first_unseen = 0;
    for (size_t i = 0; i < messages.size(); ++i) {
        if (mailbox.is_recent(messages[i].uid)) ++recent;
        if (first_unseen == 0 && !(messages[i].flags & storage::kSeen)) first_unseen = static_cast<uint32_t>(i) + 1;
    }
    std::string out = flags_announcement(mailbox.keywords(), mailbox.read_only());
    out += proto::untagged(std::to_string(messages.size()) + " EXISTS");
    out += proto::untagged(std::to_string(recent) + " RECENT");
    if (first_unseen)
        out += proto::untagged("OK [UNSEEN " + std::to_string(first_unseen) + "] First unseen.");
    out += proto::untagged("OK [UIDVALIDITY " + std::to_string(mailbox.uidvalidity()) + "] UIDs valid");
    out += proto::untagged("OK [UIDNEXT " + std::to_string(mailbox.uidnext()) + "] Predicted next UID");
    return out;
}

}  // namespace

void select(Session& session, proto::Request request) {
    bool examine = request.command == "EXAMINE";
    if (request.args.size() != 1) return session.finish(request.tag, "BAD", "", "Expected one mailbox name.");
    auto name = proto::parse_mailbox(request.args[0]);
    if (!name) return session.finish_line(mailbox_argument_reply(request.tag, request.command, name.error()));

    auto opened = std::make_shared<Opened>();
    // RFC 3501 §6.3.1: the previous mailbox is closed even if this SELECT fails.
    opened->previous = session.deselect();
    storage::MailStore& store = session.store();
    session.offload(
        [opened, &store, name = std::move(*name), examine] {
            opened->previous.reset();
            auto mailbox = store.open(name, examine);
            if (!mailbox) {
                opened->failure = mailbox.error();
                return;
            }
            opened->mailbox = std::move(*mailbox);
            opened->untagged = describe(*opened->mailbox);
        },
        [&session, opened, tag = request.tag] {
            if (opened->failure) return session.finish_line(failure_reply(tag, *opened->failure, session.user()));
            bool read_only = opened->mailbox->read_only();
            session.send(std::move(opened->untagged));
            session.select(std::move(opened->mailbox));
            session.finish(tag, "OK", read_only ? "READ-ONLY" : "READ-WRITE",
                           read_only ? "Examine completed." : "Select completed.");
        });
}

}  // namespace roost::imap::cmd
