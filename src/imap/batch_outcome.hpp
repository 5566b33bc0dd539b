// What a command that works through messages one at a time on the worker pool (FETCH, STORE)
// hands back to the loop, and the tagged reply that ends it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "storage/mail_store.hpp"

namespace roost::imap {

class Session;

struct BatchOutcome {
    std::string out;        // untagged responses rendered so far
    bool expunged = false;  // a message vanished meanwhile (RFC 2180 §4.1)
    std::optional<storage::Failure> failure;

    // Records that reading or changing one message failed. True when the command goes on
    // with the next message: the message was expunged by another session, which RFC 2180
    // §4.1 answers at the end with NO [EXPUNGEISSUED]; any other failure stops the command.
    bool skip_message(const storage::Failure& message_failure);
};

// The tagged reply: the storage failure, else NO [EXPUNGEISSUED], else OK `ok_text`.
void finish_batch(Session& session, std::string_view tag, const BatchOutcome& outcome, std::string_view ok_text);

}  // namespace roost::imap
