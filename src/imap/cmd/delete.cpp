// DELETE (RFC 3501 §6.3.4). INBOX cannot be deleted. A mailbox with children may be: its
// messages go and its name stays as a \Noselect parent (Maildir++ implies it from the
// children); a name that is only such a parent does not exist and cannot be deleted.
// Subscriptions are left alone (§6.3.6: the server must not remove them unilaterally).
// Deleting the selected mailbox is allowed; as Dovecot does, the next command then gets BYE.
#include <memory>

#include "base/strings.hpp"
#include "imap/cmd/handlers.hpp"
#include "imap/proto/args.hpp"
#include "imap/reply.hpp"

namespace roost::imap::cmd {

void delete_mailbox(Session& session, proto::Request request) {
    if (request.args.size() != 1) return session.finish(request.tag, "BAD", "", "Expected one mailbox name.");
    auto name = proto::parse_mailbox(request.args[0]);
    if (!name) return session.finish_line(mailbox_argument_reply(request.tag, "DELETE", name.error()));
    if (*name == "INBOX") return session.finish(request.tag, "NO", "", "INBOX can't be deleted.");

    auto result = std::make_shared<storage::SResult<void>>();
    storage::MailStore& store = session.store();
    session.offload([result, &store, mailbox = *name] { *result = store.remove(mailbox); },
                    [&session, result, mailbox = *name, tag = request.tag] {
                        if (!*result) {
                            if (result->error().code == storage::ErrorCode::NotFound)
                                return session.finish(tag, "NO", "NONEXISTENT",
                                                      "Mailbox doesn't exist: " + mailbox_for_text(mailbox) + ".");
                            return session.finish_line(failure_reply(tag, result->error(), session.user()));
                        }
                        if (session.mailbox() && session.mailbox()->name() == mailbox)
                            session.disconnect_at_next_command("Selected mailbox was deleted, have to disconnect.");
                        session.finish(tag, "OK", "", "Delete completed.");
                    });
}

}  // namespace roost::imap::cmd
