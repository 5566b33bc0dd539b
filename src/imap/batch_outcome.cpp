#include "imap/batch_outcome.hpp"

#include "imap/reply.hpp"
#include "imap/session.hpp"

namespace roost::imap {

bool BatchOutcome::skip_message(const storage::Failure& message_failure) {
    if (message_failure.code == storage::ErrorCode::NoSuchMessage) {
        expunged = true;
        return true;
    }
    failure = message_failure;
    return false;
}

void finish_batch(Session& session, std::string_view tag, const BatchOutcome& outcome, std::string_view ok_text) {
    if (outcome.failure) return session.finish_line(failure_reply(tag, *outcome.failure, session.user()));
    if (outcome.expunged) return session.finish(tag, "NO", "EXPUNGEISSUED", "Some messages were expunged meanwhile.");
    session.finish(tag, "OK", "", ok_text);
}

}  // namespace roost::imap
