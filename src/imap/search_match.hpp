// Whether one message matches a SEARCH program (RFC 3501 §6.4.4). Flags, sizes, dates and
// UIDs come from storage::MessageInfo; the message is read (through `content`) only when a
// key that needs it is reached, and keys that do not need it are tried first in every AND, so
// "UNSEEN BODY x" reads only the unseen messages.
//
// Threading: worker pool (content reads the mailbox).
#pragma once

#include <cstdint>
#include <functional>

#include "imap/proto/search_key.hpp"
#include "mail/searchable_message.hpp"
#include "storage/mail_store.hpp"

namespace roost::imap {

struct SearchCandidate {
    uint32_t seq = 0;
    const storage::MessageInfo* info = nullptr;
    bool recent = false;
    uint32_t message_count = 0;  // "*" in a sequence set
    uint32_t max_uid = 0;        // "*" in a UID set
    // The message's content, read on first call; nullptr when it cannot be read (the caller
    // records why and the message does not match).
    std::function<mail::SearchableMessage*()> content;
};

bool search_matches(const proto::SearchKey& key, SearchCandidate& candidate);

}  // namespace roost::imap
