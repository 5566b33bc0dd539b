// The storage API: what IMAP and POP3 see of a user's mail. It speaks mailboxes, messages,
// UIDs, flags and bytes, and knows nothing of any protocol. Backends: maildir/ (index/ keeps
// UIDs, flags and sizes in SQLite), and memory/ for tests.
//
// Threading: every call may block on disk or SQLite, so sessions call it from the worker pool
// (net::Loop::offload). A MailStore and the Mailboxes it opens belong to one session and are
// used by one thread at a time; several sessions of the same user each open their own and
// coordinate through the files and the SQLite index.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace roost::storage {

// Mapped to protocol answers in one place per protocol (imap/reply.cpp, pop3/session.cpp).
enum class ErrorCode {
    NotFound,       // no such mailbox
    AlreadyExists,  // CREATE of an existing mailbox
    InvalidName,    // a name that would leave the user's Maildir or cannot be stored
    NoSuchMessage,  // the UID was expunged meanwhile
    InUse,          // locked by another session
    Io,             // disk or index failure (logged with details)
};

struct Failure {
    ErrorCode code;
    std::string message;
};

template <class T>
using SResult = Result<T, Failure>;

// System flags as bits. \Recent is not stored: it belongs to a session (Mailbox::is_recent).
enum Flag : uint32_t {
    kSeen = 1u << 0,
    kAnswered = 1u << 1,
    kFlagged = 1u << 2,
    kDeleted = 1u << 3,
    kDraft = 1u << 4,
};

struct MessageInfo {
    uint32_t uid = 0;
    uint32_t flags = 0;                 // Flag bits
    std::vector<std::string> keywords;  // user keywords ($Forwarded, Junk ...), case kept
    uint64_t size = 0;                  // octets as served: CRLF line ends
    int64_t internal_date = 0;          // unix time (the file's mtime for delivered mail)
    // False only when the message ends mid-line (not empty, last octet not LF). IMAP serves
    // the bytes as they are; POP3 must count the CRLF it adds before its terminator
    // (RFC 1939 §3), so its LIST size is size + 2 then.
    bool ends_with_newline = true;
};

struct MailboxEntry {
    std::string name;  // UTF-8, hierarchy separated by kSeparator; "INBOX" for the root
    bool has_children = false;
};

struct MailboxStatus {
    uint32_t messages = 0;
    uint32_t recent = 0;
    uint32_t unseen = 0;
    uint32_t uidnext = 0;
    uint32_t uidvalidity = 0;
};

// Where APPEND put a message: enough for RFC 4315's APPENDUID.
struct AppendedMessage {
    uint32_t uidvalidity = 0;
    uint32_t uid = 0;
};

// Where COPY put messages: enough for RFC 4315's COPYUID. source_uids ascending, and
// target_uids[i] is the copy of source_uids[i].
struct CopiedMessages {
    uint32_t uidvalidity = 0;
    std::vector<uint32_t> source_uids;
    std::vector<uint32_t> target_uids;
};

// What a sync found changed on disk or in the index since the last one.
struct SyncChanges {
    std::vector<uint32_t> expunged;       // UIDs gone, in ascending order
    uint32_t added = 0;                   // new messages appended to messages()
    std::vector<uint32_t> flags_changed;  // UIDs whose flags or keywords changed
};

// One open mailbox: the session's view of its messages, in ascending UID order.
class Mailbox {
public:
    virtual ~Mailbox() = default;

    virtual const std::string& name() const = 0;
    virtual bool read_only() const = 0;
    virtual uint32_t uidvalidity() const = 0;
    virtual uint32_t uidnext() const = 0;

    // The view: stays fixed between sync() calls, so sequence numbers stay meaningful.
    virtual const std::vector<MessageInfo>& messages() const = 0;
    // Every keyword that a message of this view has carried since the mailbox was opened, in
    // first-seen order, compared case-insensitively; it never shrinks. IMAP lists it in
    // FLAGS, and its size tells cheaply whether a keyword is new.
    virtual const std::vector<std::string>& keywords() const = 0;
    // RFC 3501 §2.3.2: \Recent for this session (only one read-write session gets it).
    virtual bool is_recent(uint32_t uid) const = 0;

    // Rescans the Maildir and the index, moves new/ mail to cur/ and updates messages().
    virtual SResult<SyncChanges> sync() = 0;

    // The whole message with CRLF line ends (exactly `size` octets).
    virtual SResult<std::string> read(uint32_t uid) = 0;

    // Values derived from a message's content that a protocol wants to keep (IMAP's ENVELOPE
    // and BODYSTRUCTURE), stored in the index under an opaque `key` so that later requests do
    // not read and parse the file again. Storage never interprets them; it forgets them when
    // the message is expunged or its file changes size. nullopt: nothing cached (or the
    // message is gone). Storing works in read-only mailboxes too: the content is unchanged.
    virtual SResult<std::optional<std::string>> cached_field(uint32_t uid, std::string_view key) = 0;
    virtual SResult<void> store_cached_field(uint32_t uid, std::string_view key, std::string_view value) = 0;

    // Replaces flags and keywords of one message, in the file name and the index.
    virtual SResult<void> set_flags(uint32_t uid, uint32_t flags, const std::vector<std::string>& keywords) = 0;

    // Removes these messages (files and index rows) and drops them from messages().
    // UIDs no longer present are ignored. Returns the UIDs actually removed, ascending.
    virtual SResult<std::vector<uint32_t>> expunge(const std::vector<uint32_t>& uids) = 0;

    // Copies these messages (ascending UIDs of this view) into the existing mailbox `target`
    // (which may be this one) with their flags, keywords and INTERNALDATE; they get new UIDs
    // there and count as recent. All or nothing: when one message cannot be copied, the
    // copies already made are removed. NotFound when `target` does not exist,
    // NoSuchMessage when a message was expunged meanwhile. Works on read-only views too.
    virtual SResult<CopiedMessages> copy_to(const std::vector<uint32_t>& uids, std::string_view target) = 0;
};

// The user's mailboxes. Names are UTF-8 with kSeparator between levels; "INBOX" (any case)
// is the Maildir root. The backend refuses any name that could point outside the Maildir.
class MailStore {
public:
    static constexpr char kSeparator = '.';

    virtual ~MailStore() = default;

    virtual SResult<std::vector<MailboxEntry>> list() = 0;
    virtual SResult<void> create(std::string_view name) = 0;
    virtual SResult<std::unique_ptr<Mailbox>> open(std::string_view name, bool read_only) = 0;
    virtual SResult<MailboxStatus> status(std::string_view name) = 0;
    // Stores a message durably (tmp/, fsync, rename, fsync dir, then the index) and returns
    // its UID and the mailbox's UIDVALIDITY. `message` may have LF or CRLF line ends.
    virtual SResult<AppendedMessage> append(std::string_view name, std::string_view message, uint32_t flags,
                                     const std::vector<std::string>& keywords, int64_t internal_date) = 0;

    // Deletes a mailbox and its messages; its children stay (their parent level then exists
    // only by implication). INBOX cannot be removed (InvalidName); NotFound for a name that
    // exists only as the parent of others.
    virtual SResult<void> remove(std::string_view name) = 0;
    // Renames a mailbox and every mailbox below it, keeping UIDs and UIDVALIDITY. A name that
    // exists only as a parent may be renamed (its children move). Renaming INBOX moves its
    // messages (flags, keywords, INTERNALDATE kept, new UIDs and UIDVALIDITY) into a new
    // mailbox and leaves INBOX empty; INBOX's children stay. NotFound, AlreadyExists (the
    // target or a renamed child's target exists, or from == to), InvalidName (the target is
    // below the source or a renamed name would be invalid).
    virtual SResult<void> rename(std::string_view from, std::string_view to) = 0;

    // The subscription list (RFC 3501 §6.3.6): canonical names, in the order kept, which may
    // name mailboxes that do not exist. It persists across sessions.
    virtual SResult<std::vector<std::string>> subscriptions() = 0;
    // Adds or removes `name` (validated like a mailbox name; need not exist). Idempotent.
    virtual SResult<void> set_subscribed(std::string_view name, bool subscribed) = 0;
};

// Opens (creating when missing) the Maildir++ store rooted at `maildir_root`
// (the directory holding cur/ new/ tmp/ and the .Folder directories).
SResult<std::unique_ptr<MailStore>> open_maildir_store(const std::string& maildir_root);

}  // namespace roost::storage
