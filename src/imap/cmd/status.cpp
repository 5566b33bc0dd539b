// STATUS mailbox (items) (RFC 3501 §6.3.10). On the selected mailbox (which §6.3.10 advises
// clients against) RECENT also counts the messages that are \Recent to this session, which
// the index no longer counts as unclaimed, and the OK carries Dovecot's [CLIENTBUG]. A
// missing mailbox is NO [NONEXISTENT] (Dovecot sends no code; RFC 5530 defines this one).
#include <algorithm>
#include <memory>

#include "imap/cmd/handlers.hpp"
#include "imap/proto/args.hpp"
#include "imap/proto/writer.hpp"
#include "imap/reply.hpp"
#include "mail/mutf7.hpp"

namespace roost::imap::cmd {
namespace {

std::string render(const proto::StatusArgs& args, const storage::MailboxStatus& status) {
    std::string line = "STATUS ";
    proto::append_astring(line, args.mailbox == "INBOX" ? args.mailbox : mail::utf8_to_mutf7(args.mailbox));
    line += " (";
    // In this fixed order whatever the request's order, as Dovecot answers (RFC 3501 §7.2.4
    // allows any order).
    static const char* const kOrder[] = {"MESSAGES", "RECENT", "UIDNEXT", "UIDVALIDITY", "UNSEEN"};
    bool first = true;
    for (const char* item : kOrder) {
        if (std::find(args.items.begin(), args.items.end(), item) == args.items.end()) continue;
        const std::string_view name = item;
        uint32_t value = name == "MESSAGES"      ? status.messages
                         : name == "RECENT"      ? status.recent
                         : name == "UIDNEXT"     ? status.uidnext
                         : name == "UIDVALIDITY" ? status.uidvalidity
                                                 : status.unseen;
        if (!first) line += ' ';
        first = false;
        line += std::string(item) + " " + std::to_string(value);
    }
    line += ")";
    return proto::untagged(line);
}

// Messages of the session's view that only this session sees as \Recent.
uint32_t claimed_recent(const storage::Mailbox& mailbox) {
    if (mailbox.read_only()) return 0;  // EXAMINE claims nothing: the index counts them all
    uint32_t count = 0;
    for (const auto& message : mailbox.messages())
        if (mailbox.is_recent(message.uid)) ++count;
    return count;
}

}  // namespace

void status(Session& session, proto::Request request) {
    auto args = proto::parse_status(request.args);
    if (!args) {
        if (args.error().message == proto::kInvalidMutf7Name)
            return session.finish_line(mailbox_argument_reply(request.tag, "STATUS", args.error()));
        return session.finish(request.tag, "BAD", "", args.error().message);
    }
    const storage::Mailbox* selected = session.mailbox();
    const bool of_selected = selected && selected->name() == args->mailbox;
    const uint32_t own_recent = of_selected ? claimed_recent(*selected) : 0;
    auto result = std::make_shared<storage::SResult<storage::MailboxStatus>>(storage::MailboxStatus{});
    storage::MailStore& store = session.store();
    // Copied before the call: the second lambda moves `args` (argument order is unspecified).
    std::string name = args->mailbox;
    session.offload([result, &store, name = std::move(name)] { *result = store.status(name); },
                    [&session, result, args = std::move(*args), of_selected, own_recent, tag = request.tag] {
                        if (!*result) return session.finish_line(failure_reply(tag, result->error(), session.user()));
                        result->value().recent += own_recent;
                        session.send(render(args, result->value()));
                        if (of_selected)
                            return session.finish(tag, "OK", "CLIENTBUG", "Status on selected mailbox completed.");
                        session.finish(tag, "OK", "", "Status completed.");
                    });
}

}  // namespace roost::imap::cmd
