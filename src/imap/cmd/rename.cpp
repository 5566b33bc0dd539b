// RENAME (RFC 3501 §6.3.5). Children are renamed with their parent, and missing parents of
// the new name are implied (Maildir++). Renaming INBOX moves its messages into the new
// mailbox and leaves INBOX empty, as the RFC requires (Dovecot 2.3 refuses it with
// Maildir++). Subscriptions keep the old names, as with Dovecot (§6.3.6 leaves them to the
// client). Renaming the selected mailbox (or a parent of it) is allowed; as Dovecot does,
// the next command then gets BYE. Renaming INBOX while it is selected needs no BYE: the
// moved messages are reported expunged at the next sync.
#include <memory>

#include "imap/cmd/handlers.hpp"
#include "imap/proto/args.hpp"
#include "imap/reply.hpp"

namespace roost::imap::cmd {
namespace {

bool is_same_or_below(const std::string& name, const std::string& parent) {
    return name == parent || (name.size() > parent.size() && name.compare(0, parent.size(), parent) == 0 &&
                              name[parent.size()] == storage::MailStore::kSeparator);
}

}  // namespace

void rename(Session& session, proto::Request request) {
    if (request.args.size() != 2) return session.finish(request.tag, "BAD", "", "Expected two mailbox names.");
    auto from = proto::parse_mailbox(request.args[0]);
    if (!from) return session.finish_line(mailbox_argument_reply(request.tag, "RENAME", from.error()));
    auto to = proto::parse_mailbox(request.args[1]);
    if (!to) return session.finish_line(mailbox_argument_reply(request.tag, "RENAME", to.error()));
    if (*from == *to) return session.finish(request.tag, "NO", "ALREADYEXISTS", "Can't rename mailbox to itself.");
    if (*to == "INBOX") return session.finish(request.tag, "NO", "ALREADYEXISTS", "Target mailbox already exists.");
    if (*from != "INBOX" && is_same_or_below(*to, *from))
        return session.finish(request.tag, "NO", "", "Can't rename mailbox under its own child.");

    auto result = std::make_shared<storage::SResult<void>>();
    storage::MailStore& store = session.store();
    session.offload([result, &store, from = *from, to = *to] { *result = store.rename(from, to); },
                    [&session, result, from = *from, tag = request.tag] {
                        if (!*result) {
                            switch (result->error().code) {
                                case storage::ErrorCode::NotFound:
                                    return session.finish(tag, "NO", "NONEXISTENT",
                                                          "Mailbox doesn't exist: " + mailbox_for_text(from) + ".");
                                case storage::ErrorCode::AlreadyExists:
                                    return session.finish(tag, "NO", "ALREADYEXISTS", "Target mailbox already exists.");
                                default:
                                    return session.finish_line(failure_reply(tag, result->error(), session.user()));
                            }
                        }
                        if (from != "INBOX" && session.mailbox() && is_same_or_below(session.mailbox()->name(), from))
                            session.disconnect_at_next_command("IMAP session state is inconsistent, please relogin.");
                        session.finish(tag, "OK", "", "Rename completed.");
                    });
}

}  // namespace roost::imap::cmd
