// CREATE (RFC 3501 §6.3.3). A trailing separator only announces that the client means to
// create children; it is not part of the name. CREATE INBOX fails (it always exists). Names
// with the LIST wildcards '*' or '%' are refused: LIST could never name such a mailbox alone
// (RFC 3501 §6.3.8).
#include <memory>

#include "base/strings.hpp"
#include "imap/cmd/handlers.hpp"
#include "imap/proto/args.hpp"
#include "imap/reply.hpp"

namespace roost::imap::cmd {

void create(Session& session, proto::Request request) {
    if (request.args.size() != 1) return session.finish(request.tag, "BAD", "", "Expected one mailbox name.");
    auto name = proto::parse_mailbox(request.args[0]);
    if (!name) return session.finish_line(mailbox_argument_reply(request.tag, "CREATE", name.error()));
    std::string mailbox = std::move(*name);
    if (!mailbox.empty() && mailbox.back() == storage::MailStore::kSeparator) mailbox.pop_back();
    if (mailbox.empty()) return session.finish(request.tag, "NO", "CANNOT", "Invalid mailbox name: Name is empty.");
    // Dovecot 2.3.19 accepts these names; Roost keeps refusing them (DIFFERENCES.md).
    if (mailbox.find_first_of("*%") != std::string::npos)
        return session.finish(request.tag, "NO", "CANNOT", "Invalid mailbox name.");
    if (iequals(mailbox, "INBOX")) return session.finish(request.tag, "NO", "ALREADYEXISTS", "Mailbox already exists.");

    auto result = std::make_shared<storage::SResult<void>>();
    storage::MailStore& store = session.store();
    session.offload([result, &store, mailbox] { *result = store.create(mailbox); },
                    [&session, result, tag = request.tag] {
                        if (!*result) return session.finish_line(failure_reply(tag, result->error(), session.user()));
                        session.finish(tag, "OK", "", "Create completed.");
                    });
}

}  // namespace roost::imap::cmd
