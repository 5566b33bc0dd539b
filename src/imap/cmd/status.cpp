// STATUS mailbox (items) (RFC 3501 §6.3.10).
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
    for (size_t i = 0; i < args.items.size(); ++i) {
        const std::string& item = args.items[i];
        uint32_t value = item == "MESSAGES"      ? status.messages
                         : item == "RECENT"      ? status.recent
                         : item == "UIDNEXT"     ? status.uidnext
                         : item == "UIDVALIDITY" ? status.uidvalidity
                                                 : status.unseen;
        if (i) line += ' ';
        line += item + " " + std::to_string(value);
    }
    line += ")";
    return proto::untagged(line);
}

}  // namespace

void status(Session& session, proto::Request request) {
    auto args = proto::parse_status(request.args);
    if (!args) return session.finish(request.tag, "BAD", "", args.error().message);
    auto result = std::make_shared<storage::SResult<storage::MailboxStatus>>(storage::MailboxStatus{});
    storage::MailStore& store = session.store();
    // Copied before the call: the second lambda moves `args` (argument order is unspecified).
    std::string name = args->mailbox;
    session.offload([result, &store, name = std::move(name)] { *result = store.status(name); },
                    [&session, result, args = std::move(*args), tag = request.tag] {
                        if (!*result) return session.finish_line(failure_reply(tag, result->error(), session.user()));
                        session.send(render(args, result->value()));
                        session.finish(tag, "OK", "", "Status completed.");
                    });
}

}  // namespace roost::imap::cmd
