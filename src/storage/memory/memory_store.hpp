// An in-memory MailStore for tests: the whole storage API without a disk, so that protocol
// tests can run over a second backend and pin what the API promises rather than what the
// Maildir happens to do.
//
// A MemoryMail is one user's mail. Every store opened over it (one per session, as with the
// Maildir) shares its data behind one mutex, so several sessions of a user see each other's
// changes at their next Mailbox::sync(), and sessions may call from worker threads.
//
// Semantics follow mail_store.hpp as the Maildir backend implements it: UIDs ascending and
// never reused, UIDVALIDITY above every value handed out before (RFC 3501 §2.3.1.1), \Recent
// claimed by the first read-write open or sync (§2.3.2), a view fixed between syncs, sizes of
// the CRLF form. Names are validated by the Maildir backend's rules (maildir/folder_name.hpp),
// so both backends accept and refuse the same names with the same reasons.
#pragma once

#include <memory>

#include "storage/mail_store.hpp"

namespace roost::storage::memory {

class MemoryMail;

// A user's empty mail: INBOX only, no subscriptions.
std::shared_ptr<MemoryMail> new_memory_mail();

// A store over `mail`, as open_maildir_store is over a Maildir.
std::unique_ptr<MailStore> open_memory_store(std::shared_ptr<MemoryMail> mail);

}  // namespace roost::storage::memory
