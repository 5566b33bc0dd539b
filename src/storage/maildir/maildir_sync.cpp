#include "storage/maildir/maildir_sync.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "base/log.hpp"
#include "storage/maildir/maildir_folder.hpp"

namespace roost::storage::maildir {
namespace {

using index::MessageRecord;

Failure index_failure(const Error& e) { return io_failure("index: " + e.message); }

// Known base names, read without the lock: only to decide which files to measure up front.
// The value: whether the row already knows its line end (rows from index schema 1 do not).
SResult<std::map<std::string, bool>> known_bases(index::MailIndex& idx, int64_t mailbox_id) {
    auto rows = idx.messages(mailbox_id);
    if (!rows) return index_failure(rows.error());
    std::map<std::string, bool> out;
    for (auto& r : *rows) out[std::move(r.base)] = r.ends_with_newline.has_value();
    return out;
}

// CRLF size and line end of a new file: with ",W=" only its last byte is read, else all of
// it. nullopt when the file vanished meanwhile.
std::optional<ContentMeasure> measure_of(const std::string& folder_path, const DiskMessage& m) {
    auto measure = measure_file(folder_path + "/" + m.relative_path(), m.parsed.crlf_size);
    if (!measure) return std::nullopt;
    return *measure;
}

struct Sizes {
    std::map<std::string, ContentMeasure> by_base;  // files the index does not know yet
    std::map<std::string, bool> line_ends;          // known rows that lack ends_with_newline
};

SResult<void> assign_new_uids(index::MailIndex& idx, index::MailboxRecord& mailbox,
                              std::vector<const DiskMessage*>& unknown, const std::string& folder_path,
                              Sizes& sizes) {
    // Arrival order: mtime, then name (Dovecot's base names start with the delivery time).
    std::sort(unknown.begin(), unknown.end(), [](const DiskMessage* a, const DiskMessage* b) {
        return std::tie(a->mtime, a->parsed.base) < std::tie(b->mtime, b->parsed.base);
    });
    for (const DiskMessage* m : unknown) {
        auto it = sizes.by_base.find(m->parsed.base);
        std::optional<ContentMeasure> measure;
        if (it != sizes.by_base.end()) measure = it->second;
        else measure = measure_of(folder_path, *m);
        if (!measure) continue;  // gone before it got a UID: nothing to show
        if (mailbox.uidnext == UINT32_MAX) return io_failure("UID space exhausted in " + mailbox.name);
        MessageRecord rec;
        rec.uid = mailbox.uidnext++;
        rec.base = m->parsed.base;
        rec.flags = m->parsed.flags;
        rec.size = measure->crlf_size;
        rec.ends_with_newline = measure->ends_with_newline;
        rec.internal_date = m->mtime;
        if (auto r = idx.insert_message(mailbox.id, rec); !r) return index_failure(r.error());
    }
    return {};
}

}  // namespace

SResult<uint32_t> index_new_message(index::MailIndex& idx, index::MailboxRecord& mailbox,
                                    index::MessageRecord message) {
    auto known = idx.message_by_base(mailbox.id, message.base);
    if (!known) return index_failure(known.error());
    if (*known) {
        if (auto r = idx.update_flags(mailbox.id, (*known)->uid, message.flags, message.keywords); !r)
            return index_failure(r.error());
        return (*known)->uid;
    }
    if (mailbox.uidnext == UINT32_MAX) return io_failure("UID space exhausted in " + mailbox.name);
    message.uid = mailbox.uidnext++;
    if (auto r = idx.insert_message(mailbox.id, message); !r) return index_failure(r.error());
    return message.uid;
}

SResult<FolderSnapshot> sync_folder(index::MailIndex& idx, const std::string& mailbox_name,
                                    const std::string& folder_path, bool claim_recent) {
    // Deleted or renamed by another session: say so rather than fail on a missing directory
    // (and before ensure_mailbox, which would give the gone mailbox a fresh index row).
    if (!folder_exists(folder_path)) return Failure{ErrorCode::NotFound, "mailbox " + mailbox_name + " no longer exists"};
    auto mailbox = idx.ensure_mailbox(mailbox_name);
    if (!mailbox) return index_failure(mailbox.error());

    move_new_to_cur(folder_path);
    auto disk = scan_messages(folder_path);
    if (!disk) return disk.error();

    Sizes sizes;
    {
        auto known = known_bases(idx, mailbox->id);
        if (!known) return known.error();
        for (const auto& m : *disk) {
            auto row = known->find(m.parsed.base);
            if (row == known->end()) {
                if (auto measure = measure_of(folder_path, m)) sizes.by_base[m.parsed.base] = *measure;
            } else if (!row->second) {
                if (auto ends = file_ends_with_newline(folder_path + "/" + m.relative_path()))
                    sizes.line_ends[m.parsed.base] = *ends;
            }
        }
    }

    auto tx = index::Transaction::begin(idx.db());
    if (!tx) return index_failure(tx.error());
    // Re-read under the lock: another session may have synced since.
    auto mb = idx.ensure_mailbox(mailbox_name);
    if (!mb) return index_failure(mb.error());
    index::MailboxRecord record = *mb;
    auto rows = idx.messages(record.id);
    if (!rows) return index_failure(rows.error());

    std::map<std::string, const DiskMessage*> on_disk;
    for (const auto& m : *disk) on_disk[m.parsed.base] = &m;

    std::vector<const MessageRecord*> vanished;
    std::set<std::string> indexed;
    for (const auto& row : *rows) {
        indexed.insert(row.base);
        auto it = on_disk.find(row.base);
        if (it == on_disk.end()) {
            vanished.push_back(&row);
            continue;
        }
        if (it->second->parsed.flags != row.flags) {
            // The file name is the truth for flags: another program renamed it.
            if (auto r = idx.update_flags(record.id, row.uid, it->second->parsed.flags, row.keywords); !r)
                return index_failure(r.error());
        }
        auto line_end = sizes.line_ends.find(row.base);
        if (!row.ends_with_newline && line_end != sizes.line_ends.end()) {
            // A row from index schema 1: fill in what the file's last byte says.
            if (auto r = idx.update_ends_with_newline(record.id, row.uid, line_end->second); !r)
                return index_failure(r.error());
        }
    }

    std::vector<DiskMessage> rescan;
    if (!vanished.empty()) {
        auto again = scan_messages(folder_path);
        if (!again) return again.error();
        rescan = std::move(*again);
        std::set<std::string> present;
        for (const auto& m : rescan) present.insert(m.parsed.base);
        for (const MessageRecord* row : vanished) {
            if (present.count(row->base)) continue;
            if (auto r = idx.delete_message(record.id, row->uid); !r) return index_failure(r.error());
        }
    }

    std::vector<const DiskMessage*> unknown;
    for (const auto& m : *disk) {
        if (!indexed.count(m.parsed.base)) unknown.push_back(&m);
    }
    if (auto r = assign_new_uids(idx, record, unknown, folder_path, sizes); !r) return r.error();

    FolderSnapshot snap;
    snap.floor_before_claim = record.recent_floor;
    if (claim_recent) record.recent_floor = record.uidnext;
    if (auto r = idx.update_mailbox(record); !r) return index_failure(r.error());

    auto final_rows = idx.messages(record.id);
    if (!final_rows) return index_failure(final_rows.error());
    if (auto r = tx->commit(); !r) return index_failure(r.error());

    // Paths: from the rescan when there was one (fresher), else from the first scan.
    std::map<std::string, std::string> paths;
    for (const auto& m : *disk) paths[m.parsed.base] = m.relative_path();
    for (const auto& m : rescan) paths[m.parsed.base] = m.relative_path();
    snap.mailbox = record;
    for (auto& row : *final_rows) {
        SyncedMessage sm;
        auto p = paths.find(row.base);
        if (p != paths.end()) sm.relative_path = p->second;
        sm.record = std::move(row);
        snap.messages.push_back(std::move(sm));
    }
    return snap;
}

}  // namespace roost::storage::maildir
