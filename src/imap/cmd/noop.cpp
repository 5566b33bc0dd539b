// NOOP (RFC 3501 §6.1.2) and CHECK (§6.4.1): with a mailbox selected, both are the client's
// way to poll, so they sync and report new, expunged and re-flagged messages.
#include <memory>

#include "imap/cmd/handlers.hpp"
#include "imap/mailbox_sync.hpp"
#include "imap/proto/writer.hpp"
#include "imap/reply.hpp"

namespace roost::imap::cmd {

void noop(Session& session, proto::Request request) {
    const char* done = request.command == "CHECK" ? "Check completed." : "NOOP completed.";
    if (!request.args.empty()) return session.finish(request.tag, "BAD", "", "No arguments expected.");
    if (session.state() != State::Selected) return session.finish(request.tag, "OK", "", done);

    auto result = std::make_shared<storage::SResult<std::string>>(std::string());
    storage::Mailbox* mailbox = session.mailbox();
    session.offload([mailbox, result] { *result = sync_and_report(*mailbox); },
                    [&session, result, tag = request.tag, done] {
                        if (!*result && result->error().code == storage::ErrorCode::NotFound)
                            return session.finish_after_mailbox_vanished(proto::tagged(tag, "OK", "", done));
                        if (!*result) return session.finish_line(failure_reply(tag, result->error(), session.user()));
                        session.send(std::move(result->value()));
                        session.finish(tag, "OK", "", done);
                    });
}

}  // namespace roost::imap::cmd
