#include "storage/index/mail_index.hpp"

#include <algorithm>
#include <ctime>

#include "base/strings.hpp"

namespace roost::storage::index {
namespace {

// Version 1; later versions migrate from it step by step, keyed on PRAGMA user_version
// (issue 4 adds modseq, expunged UIDs, cached headers).
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS mailboxes (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    uidvalidity INTEGER NOT NULL,
    uidnext INTEGER NOT NULL,
    recent_floor INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
    mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id),
    uid INTEGER NOT NULL,
    base TEXT NOT NULL,
    flags INTEGER NOT NULL,
    keywords TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL,
    internal_date INTEGER NOT NULL,
    PRIMARY KEY (mailbox_id, uid),
    UNIQUE (mailbox_id, base)
);
PRAGMA user_version = 1;
)sql";

// Version 2: whether the message ends with a line break, for POP3 sizes (RFC 1939 §3: a
// multi-line response gets a CRLF before its terminator when the data ends mid-line, and
// LIST must count it). NULL for rows from version 1, filled in by the next sync.
constexpr const char* kSchemaV2 = R"sql(
ALTER TABLE messages ADD COLUMN ends_with_newline INTEGER;
PRAGMA user_version = 2;
)sql";

// Version 3: values derived from message content (IMAP ENVELOPE/BODYSTRUCTURE), so they are
// computed once per message. A trigger removes them with their message row, whoever deletes it.
constexpr const char* kSchemaV3 = R"sql(
CREATE TABLE IF NOT EXISTS cached_fields (
    mailbox_id INTEGER NOT NULL,
    uid INTEGER NOT NULL,
    key TEXT NOT NULL,
    value BLOB NOT NULL,
    PRIMARY KEY (mailbox_id, uid, key)
);
CREATE TRIGGER IF NOT EXISTS messages_forget_cached_fields AFTER DELETE ON messages BEGIN
    DELETE FROM cached_fields WHERE mailbox_id = OLD.mailbox_id AND uid = OLD.uid;
END;
PRAGMA user_version = 3;
)sql";

MessageRecord read_message(const Statement& st) {
    MessageRecord m;
    m.uid = static_cast<uint32_t>(st.column_int(0));
    m.base = st.column_text(1);
    m.flags = static_cast<uint32_t>(st.column_int(2));
    m.keywords = split_keywords(st.column_text(3));
    m.size = static_cast<uint64_t>(st.column_int(4));
    m.internal_date = st.column_int(5);
    int64_t ends = st.column_int(6);
    if (ends >= 0) m.ends_with_newline = ends != 0;
    return m;
}

// ifnull(..., -1): the version 1 rows, whose line end is not known yet.
constexpr const char* kMessageColumns =
    "SELECT uid, base, flags, keywords, size, internal_date, ifnull(ends_with_newline, -1) FROM messages ";

// A mailbox name no folder can have (resolve_folder_name refuses empty names): its row only
// keeps the greatest UIDVALIDITY of deleted mailboxes, which ensure_mailbox's max() then
// stays above, without a schema change.
constexpr std::string_view kRetiredUidvalidityRow = "";

}  // namespace

std::string join_keywords(const std::vector<std::string>& keywords) {
    std::string out;
    for (const auto& k : keywords) {
        if (!out.empty()) out += ' ';
        out += k;
    }
    return out;
}

std::vector<std::string> split_keywords(std::string_view text) {
    std::vector<std::string> out;
    for (auto word : split_words(text)) out.emplace_back(word);
    return out;
}

Result<std::unique_ptr<MailIndex>> MailIndex::open(const std::string& path) {
    auto db = SqliteDb::open(path, 30000);
    if (!db) return db.error();
    std::unique_ptr<MailIndex> index(new MailIndex(std::move(db.value())));
    if (auto r = index->migrate(); !r) return r.error();
    return index;
}

Result<void> MailIndex::migrate() {
    auto tx = Transaction::begin(*db_);
    if (!tx) return tx.error();
    auto st = db_->prepare("PRAGMA user_version");
    if (!st) return st.error();
    auto row = st->step();
    if (!row) return row.error();
    int64_t version = *row ? st->column_int(0) : 0;
    if (version > kSchemaVersion)
        return make_error("index " + db_->path() + " has schema version " + std::to_string(version) +
                          ", newer than this Roost understands");
    if (version < 1) {
        if (auto r = db_->exec(kSchemaV1); !r) return r;
    }
    if (version < 2) {
        if (auto r = db_->exec(kSchemaV2); !r) return r;
    }
    if (version < 3) {
        if (auto r = db_->exec(kSchemaV3); !r) return r;
    }
    return tx->commit();
}

Result<std::optional<MailboxRecord>> MailIndex::find_mailbox(std::string_view name) {
    auto st = db_->prepare("SELECT id, uidvalidity, uidnext, recent_floor FROM mailboxes WHERE name = ?");
    if (!st) return st.error();
    st->bind(1, name);
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) return std::optional<MailboxRecord>();
    MailboxRecord m;
    m.id = st->column_int(0);
    m.name = std::string(name);
    m.uidvalidity = static_cast<uint32_t>(st->column_int(1));
    m.uidnext = static_cast<uint32_t>(st->column_int(2));
    m.recent_floor = static_cast<uint32_t>(st->column_int(3));
    return std::optional<MailboxRecord>(m);
}

Result<MailboxRecord> MailIndex::ensure_mailbox(std::string_view name) {
    auto found = find_mailbox(name);
    if (!found) return found.error();
    if (*found) return **found;
    // INSERT OR IGNORE: when two sessions create the row at once, one wins and both then
    // read the winner's UIDVALIDITY.
    auto st = db_->prepare(
        "INSERT OR IGNORE INTO mailboxes (name, uidvalidity, uidnext, recent_floor) "
        "VALUES (?, max(?, coalesce((SELECT max(uidvalidity) FROM mailboxes), 0) + 1), 1, 1)");
    if (!st) return st.error();
    auto now = static_cast<int64_t>(std::time(nullptr)) & 0xFFFFFFFF;
    st->bind(1, name).bind(2, now);
    if (auto r = st->run(); !r) return r.error();
    found = find_mailbox(name);
    if (!found) return found.error();
    if (!*found) return make_error("mailbox row vanished right after insert");
    return **found;
}

Result<void> MailIndex::update_mailbox(const MailboxRecord& mailbox) {
    auto st = db_->prepare("UPDATE mailboxes SET uidnext = ?, recent_floor = ? WHERE id = ?");
    if (!st) return st.error();
    st->bind(1, mailbox.uidnext).bind(2, mailbox.recent_floor).bind(3, mailbox.id);
    return st->run();
}

Result<void> MailIndex::delete_mailbox(std::string_view name) {
    auto found = find_mailbox(name);
    if (!found) return found.error();
    if (!*found) return {};
    auto messages = db_->prepare("DELETE FROM messages WHERE mailbox_id = ?");
    if (!messages) return messages.error();
    messages->bind(1, (*found)->id);
    if (auto r = messages->run(); !r) return r;
    auto row = db_->prepare("DELETE FROM mailboxes WHERE id = ?");
    if (!row) return row.error();
    row->bind(1, (*found)->id);
    if (auto r = row->run(); !r) return r;
    auto retired = db_->prepare(
        "INSERT INTO mailboxes (name, uidvalidity, uidnext, recent_floor) VALUES (?, ?, 1, 1) "
        "ON CONFLICT (name) DO UPDATE SET uidvalidity = max(uidvalidity, excluded.uidvalidity)");
    if (!retired) return retired.error();
    retired->bind(1, kRetiredUidvalidityRow).bind(2, (*found)->uidvalidity);
    return retired->run();
}

Result<void> MailIndex::rename_mailbox(std::string_view from, std::string_view to) {
    auto found = find_mailbox(from);
    if (!found) return found.error();
    if (!*found) return {};
    if (auto r = delete_mailbox(to); !r) return r;
    auto st = db_->prepare("UPDATE mailboxes SET name = ? WHERE id = ?");
    if (!st) return st.error();
    st->bind(1, to).bind(2, (*found)->id);
    return st->run();
}

Result<std::vector<MessageRecord>> MailIndex::messages(int64_t mailbox_id) {
    auto st = db_->prepare(std::string(kMessageColumns) + "WHERE mailbox_id = ? ORDER BY uid");
    if (!st) return st.error();
    st->bind(1, mailbox_id);
    std::vector<MessageRecord> out;
    for (;;) {
        auto row = st->step();
        if (!row) return row.error();
        if (!*row) break;
        out.push_back(read_message(*st));
    }
    return out;
}

Result<std::optional<MessageRecord>> MailIndex::message_by_base(int64_t mailbox_id, std::string_view base) {
    auto st = db_->prepare(std::string(kMessageColumns) + "WHERE mailbox_id = ? AND base = ?");
    if (!st) return st.error();
    st->bind(1, mailbox_id).bind(2, base);
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) return std::optional<MessageRecord>();
    return std::optional<MessageRecord>(read_message(*st));
}

Result<void> MailIndex::insert_message(int64_t mailbox_id, const MessageRecord& m) {
    auto st = db_->prepare(
        "INSERT INTO messages (mailbox_id, uid, base, flags, keywords, size, internal_date, ends_with_newline) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, nullif(?, -1))");
    if (!st) return st.error();
    st->bind(1, mailbox_id).bind(2, m.uid).bind(3, m.base).bind(4, m.flags);
    st->bind(5, join_keywords(m.keywords)).bind(6, static_cast<int64_t>(m.size)).bind(7, m.internal_date);
    st->bind(8, m.ends_with_newline ? int64_t{*m.ends_with_newline} : int64_t{-1});
    return st->run();
}

Result<void> MailIndex::update_flags(int64_t mailbox_id, uint32_t uid, uint32_t flags,
                                     const std::vector<std::string>& keywords) {
    auto st = db_->prepare("UPDATE messages SET flags = ?, keywords = ? WHERE mailbox_id = ? AND uid = ?");
    if (!st) return st.error();
    st->bind(1, flags).bind(2, join_keywords(keywords)).bind(3, mailbox_id).bind(4, uid);
    return st->run();
}

Result<void> MailIndex::update_size(int64_t mailbox_id, uint32_t uid, uint64_t size, bool ends_with_newline) {
    auto st = db_->prepare("UPDATE messages SET size = ?, ends_with_newline = ? WHERE mailbox_id = ? AND uid = ?");
    if (!st) return st.error();
    st->bind(1, static_cast<int64_t>(size)).bind(2, int64_t{ends_with_newline}).bind(3, mailbox_id).bind(4, uid);
    return st->run();
}

Result<void> MailIndex::update_ends_with_newline(int64_t mailbox_id, uint32_t uid, bool ends_with_newline) {
    auto st = db_->prepare("UPDATE messages SET ends_with_newline = ? WHERE mailbox_id = ? AND uid = ?");
    if (!st) return st.error();
    st->bind(1, int64_t{ends_with_newline}).bind(2, mailbox_id).bind(3, uid);
    return st->run();
}

Result<void> MailIndex::delete_message(int64_t mailbox_id, uint32_t uid) {
    auto st = db_->prepare("DELETE FROM messages WHERE mailbox_id = ? AND uid = ?");
    if (!st) return st.error();
    st->bind(1, mailbox_id).bind(2, uid);
    return st->run();
}

Result<std::optional<std::string>> MailIndex::cached_field(int64_t mailbox_id, uint32_t uid, std::string_view key) {
    auto st = db_->prepare("SELECT value FROM cached_fields WHERE mailbox_id = ? AND uid = ? AND key = ?");
    if (!st) return st.error();
    st->bind(1, mailbox_id).bind(2, uid).bind(3, key);
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) return std::optional<std::string>();
    return std::optional<std::string>(st->column_text(0));
}

Result<void> MailIndex::store_cached_field(int64_t mailbox_id, uint32_t uid, std::string_view key,
                                           std::string_view value) {
    // Only for a message that still has its row, so the trigger can clean up after it.
    auto st = db_->prepare(
        "INSERT OR REPLACE INTO cached_fields (mailbox_id, uid, key, value) "
        "SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM messages WHERE mailbox_id = ?1 AND uid = ?2)");
    if (!st) return st.error();
    st->bind(1, mailbox_id).bind(2, uid).bind(3, key).bind(4, value);
    return st->run();
}

Result<void> MailIndex::forget_cached_fields(int64_t mailbox_id, uint32_t uid) {
    auto st = db_->prepare("DELETE FROM cached_fields WHERE mailbox_id = ? AND uid = ?");
    if (!st) return st.error();
    st->bind(1, mailbox_id).bind(2, uid);
    return st->run();
}

}  // namespace roost::storage::index
