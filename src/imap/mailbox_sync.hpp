// Untagged mailbox updates (RFC 3501 §7.3.1 EXISTS, §7.3.2 RECENT, §7.4.1 EXPUNGE, §7.4.2
// FETCH FLAGS) after a Mailbox::sync(). Called only from commands where §7.4.1 allows
// EXPUNGE responses (NOOP, CHECK, EXPUNGE, APPEND, SELECT...), never during FETCH or STORE,
// so that the client's sequence numbers stay those of the session's view.
//
// Threading: worker pool (touches the Mailbox).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "imap/proto/seqset.hpp"
#include "storage/mail_store.hpp"

namespace roost::imap {

// The UIDs of the current view, in sequence order.
std::vector<uint32_t> view_uids(const storage::Mailbox& mailbox);

// The sequence numbers a FETCH/STORE set names: UIDs (missing ones ignored) or sequence
// numbers; nullopt for a sequence number beyond the view ("BAD Invalid messageset"). In an
// empty mailbox every set names nothing rather than failing, since clients poll empty
// mailboxes with "1:*".
std::optional<std::vector<uint32_t>> resolve_set(const proto::SeqSet& set, bool uids, const storage::Mailbox& mailbox);

// "* n EXPUNGE" for each removed UID (ascending), numbered as the client sees the view
// shrink: each line is relative to the view after the previous ones.
std::string expunge_lines(const std::vector<uint32_t>& uids_before, const std::vector<uint32_t>& removed);

// Messages of the view that are \Recent for this session.
uint32_t recent_count(const storage::Mailbox& mailbox);

// Syncs and returns the untagged lines describing what changed.
storage::SResult<std::string> sync_and_report(storage::Mailbox& mailbox);

// "* n FETCH (FLAGS (...))" for one message of the current view (1-based `seq`), with
// "UID n" first when `with_uid` (UID STORE, RFC 3501 §6.4.8).
std::string flags_fetch_line(const storage::Mailbox& mailbox, uint32_t seq, bool with_uid);

}  // namespace roost::imap
