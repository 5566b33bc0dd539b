// The per-user SQLite index (`<maildir_root>/roost-index.sqlite`): what the Maildir cannot
// hold by itself — UIDVALIDITY, UIDNEXT, each file's UID, keywords, CRLF size and INTERNALDATE,
// and the \Recent floor. The Maildir stays the truth for content and flags; this is a cache
// that a sync corrects, except for the UIDs, which it alone keeps stable.
//
// Writes that depend on what they read (UID assignment, the recent floor) belong inside one
// Transaction::begin(db()) (BEGIN IMMEDIATE), which serialises sessions and processes.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "storage/index/sqlite_db.hpp"

namespace roost::storage::index {

struct MailboxRecord {
    int64_t id = 0;
    std::string name;  // canonical UTF-8 name, "INBOX" for the root
    uint32_t uidvalidity = 0;
    uint32_t uidnext = 1;
    // RFC 3501 §2.3.2 \Recent: UIDs at or above this were not yet seen by a read-write
    // session; the first one to open the mailbox claims them and raises the floor.
    uint32_t recent_floor = 1;
};

struct MessageRecord {
    uint32_t uid = 0;
    std::string base;  // Maildir base name (the part before ":2,"), stable across renames
    uint32_t flags = 0;
    std::vector<std::string> keywords;
    uint64_t size = 0;  // CRLF octets
    // Empty, or the last octet is LF (MessageInfo::ends_with_newline). nullopt: not known yet,
    // a row written by schema version 1; the next sync reads the file's last byte.
    std::optional<bool> ends_with_newline;
    int64_t internal_date = 0;
};

class MailIndex {
public:
    static constexpr int kSchemaVersion = 3;
    static Result<std::unique_ptr<MailIndex>> open(const std::string& path);

    SqliteDb& db() { return *db_; }

    // The mailbox's row, created with a fresh UIDVALIDITY when missing. UIDVALIDITY is the
    // current time, but always above every value this index ever handed out, so a mailbox
    // deleted and created again within a second still changes it (RFC 3501 §2.3.1.1).
    Result<MailboxRecord> ensure_mailbox(std::string_view name);
    Result<void> update_mailbox(const MailboxRecord& mailbox);
    // Forgets a mailbox and its messages (DELETE). Its UIDVALIDITY stays reserved, so a
    // mailbox created later under the same name gets a greater one (RFC 3501 §2.3.1.1).
    Result<void> delete_mailbox(std::string_view name);
    // Moves a mailbox's row to a new name, keeping UIDVALIDITY, UIDs and flags (RENAME). A
    // stale row already holding `to` (a folder removed behind Roost's back) is deleted first.
    // No row under `from`: nothing to do.
    Result<void> rename_mailbox(std::string_view from, std::string_view to);

    // Ascending UID order.
    Result<std::vector<MessageRecord>> messages(int64_t mailbox_id);
    Result<std::optional<MessageRecord>> message_by_base(int64_t mailbox_id, std::string_view base);
    Result<void> insert_message(int64_t mailbox_id, const MessageRecord& message);
    Result<void> update_flags(int64_t mailbox_id, uint32_t uid, uint32_t flags, const std::vector<std::string>& keywords);
    Result<void> update_size(int64_t mailbox_id, uint32_t uid, uint64_t size, bool ends_with_newline);
    Result<void> update_ends_with_newline(int64_t mailbox_id, uint32_t uid, bool ends_with_newline);
    // Also forgets the message's cached fields.
    Result<void> delete_message(int64_t mailbox_id, uint32_t uid);

    // Values derived from a message's content (Mailbox::cached_field), by opaque key.
    Result<std::optional<std::string>> cached_field(int64_t mailbox_id, uint32_t uid, std::string_view key);
    // Replaces the value; ignored when the message has no row (expunged meanwhile).
    Result<void> store_cached_field(int64_t mailbox_id, uint32_t uid, std::string_view key, std::string_view value);
    Result<void> forget_cached_fields(int64_t mailbox_id, uint32_t uid);

private:
    explicit MailIndex(std::unique_ptr<SqliteDb> db) : db_(std::move(db)) {}
    Result<void> migrate();
    Result<std::optional<MailboxRecord>> find_mailbox(std::string_view name);

    std::unique_ptr<SqliteDb> db_;
};

std::string join_keywords(const std::vector<std::string>& keywords);
std::vector<std::string> split_keywords(std::string_view text);

}  // namespace roost::storage::index
