// Rendering of one message's FETCH response (RFC 3501 §7.4.2) from its MessageInfo and, when
// an item needs it, its content. Runs on the worker pool as part of a FETCH batch.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "imap/proto/args.hpp"
#include "storage/mail_store.hpp"

namespace roost::imap {

struct FetchPlan {
    std::vector<proto::FetchItem> items;
    bool needs_content = false;  // some item returns message octets
    bool sets_seen = false;      // RFC 3501 §6.4.5: BODY[...] (not PEEK), RFC822, RFC822.TEXT
    bool has_flags = false;      // FLAGS was requested
};

// UID FETCH always returns UID (RFC 3501 §6.4.8); a read-only mailbox never gets \Seen set.
FetchPlan make_fetch_plan(std::vector<proto::FetchItem> items, bool uid_command, bool read_only);

// "* seq FETCH (...)" CRLF. `content` is the CRLF message when plan.needs_content.
// `flags_changed`: \Seen was just set, so FLAGS is appended if it was not requested.
std::string render_fetch(uint32_t seq, const storage::MessageInfo& info, bool recent, const std::string& content,
                         const FetchPlan& plan, bool flags_changed);

}  // namespace roost::imap
