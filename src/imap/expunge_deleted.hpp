// Removing the \Deleted messages of the selected mailbox (EXPUNGE, CLOSE).
// Threading: worker pool.
#pragma once

#include <string>

#include "storage/mail_store.hpp"

namespace roost::imap {

// Expunges every message flagged \Deleted in the view and returns the untagged EXPUNGE
// lines (mailbox_sync.hpp expunge_lines) for the ones removed.
storage::SResult<std::string> expunge_deleted(storage::Mailbox& mailbox);

}  // namespace roost::imap
