// SUBSCRIBE and UNSUBSCRIBE (RFC 3501 §6.3.6, §6.3.7). The list persists in the Maildir's
// "subscriptions" file (Dovecot's format, see storage). A name that does not exist may be
// subscribed: the RFC does not require it to exist, and the issue asks for it, whereas
// Dovecot 2.3 answers "NO Mailbox doesn't exist" (tests/conformance/DIFFERENCES.md). Names
// that could never be mailboxes are refused. Unsubscribing a name not in the list is OK.
#include <memory>

#include "imap/cmd/handlers.hpp"
#include "imap/proto/args.hpp"
#include "imap/reply.hpp"

namespace roost::imap::cmd {

void subscribe(Session& session, proto::Request request) {
    const bool subscribing = request.command == "SUBSCRIBE";
    if (request.args.size() != 1) return session.finish(request.tag, "BAD", "", "Expected one mailbox name.");
    auto name = proto::parse_mailbox(request.args[0]);
    if (!name) return session.finish_line(mailbox_argument_reply(request.tag, request.command, name.error()));

    auto result = std::make_shared<storage::SResult<void>>();
    storage::MailStore& store = session.store();
    session.offload([result, &store, mailbox = *name, subscribing] { *result = store.set_subscribed(mailbox, subscribing); },
                    [&session, result, subscribing, tag = request.tag] {
                        if (!*result) return session.finish_line(failure_reply(tag, result->error(), session.user()));
                        session.finish(tag, "OK", "", subscribing ? "Subscribe completed." : "Unsubscribe completed.");
                    });
}

}  // namespace roost::imap::cmd
