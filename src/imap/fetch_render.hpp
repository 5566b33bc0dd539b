// Rendering of one message's FETCH response (RFC 3501 §7.4.2) from its MessageInfo and, when
// an item needs them, its content and its structure. Runs on the worker pool as part of a
// FETCH batch.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "imap/proto/args.hpp"
#include "storage/mail_store.hpp"

namespace roost::imap {

struct FetchPlan {
    std::vector<proto::FetchItem> items;
    bool needs_content = false;    // some item returns message octets
    bool needs_structure = false;  // ENVELOPE, BODY or BODYSTRUCTURE (cached in the index)
    bool sets_seen = false;        // RFC 3501 §6.4.5: BODY[...] (not PEEK), RFC822, RFC822.TEXT
    bool has_flags = false;        // FLAGS was requested
};

// UID FETCH always returns UID (RFC 3501 §6.4.8); a read-only mailbox never gets \Seen set.
FetchPlan make_fetch_plan(std::vector<proto::FetchItem> items, bool uid_command, bool read_only);

// ENVELOPE, BODY and BODYSTRUCTURE of a message, rendered. They are derived from the content
// only, so they are computed once and kept in the index under these keys
// (storage::Mailbox::cached_field). The "v1" changes whenever their rendering changes, so an
// index never serves answers of an older Roost.
struct MessageStructure {
    std::string envelope;
    std::string body;
    std::string body_structure;
};
inline constexpr std::string_view kEnvelopeCacheKey = "imap.v1.envelope";
inline constexpr std::string_view kBodyCacheKey = "imap.v1.body";
inline constexpr std::string_view kBodyStructureCacheKey = "imap.v1.bodystructure";
// From the CRLF content: one MIME parse for all three.
MessageStructure compute_structure(std::string_view content);

struct FetchedMessage {
    std::string content;         // the CRLF message when plan.needs_content
    MessageStructure structure;  // when plan.needs_structure
};

// "* seq FETCH (...)" CRLF. `flags_changed`: \Seen was just set, so FLAGS is appended if it
// was not requested.
std::string render_fetch(uint32_t seq, const storage::MessageInfo& info, bool recent, const FetchedMessage& message,
                         const FetchPlan& plan, bool flags_changed);

}  // namespace roost::imap
