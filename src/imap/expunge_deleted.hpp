// Removing the \Deleted messages of the selected mailbox (EXPUNGE, UID EXPUNGE, CLOSE).
// Threading: worker pool.
#pragma once

#include <string>

#include "imap/proto/seqset.hpp"
#include "storage/mail_store.hpp"

namespace roost::imap {

// Expunges every message flagged \Deleted in the view and returns the untagged EXPUNGE
// lines (mailbox_sync.hpp expunge_lines) for the ones removed. With `uid_set` (UID EXPUNGE,
// RFC 4315 §2.1) only the \Deleted messages whose UIDs it names go; the others stay.
storage::SResult<std::string> expunge_deleted(storage::Mailbox& mailbox, const proto::SeqSet* uid_set = nullptr);

}  // namespace roost::imap
