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

// Known base names, read without the lock: only to decide which sizes to compute up front.
SResult<std::set<std::string>> known_bases(index::MailIndex& idx, int64_t mailbox_id) {
    auto rows = idx.messages(mailbox_id);
    if (!rows) return index_failure(rows.error());
    std::set<std::string> out;
    for (auto& r : *rows) out.insert(std::move(r.base));
    return out;
}

// The CRLF size of a new file: from ",W=" when present, else by reading it.
// nullopt when the file vanished meanwhile.
std::optional<uint64_t> crlf_size_of(const std::string& folder_path, const DiskMessage& m) {
    if (m.parsed.crlf_size) return *m.parsed.crlf_size;
    auto size = compute_crlf_size(folder_path + "/" + m.relative_path());
    if (!size) return std::nullopt;
    return *size;
}

struct Sizes {
    std::map<std::string, uint64_t> by_base;
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
        std::optional<uint64_t> size;
        if (it != sizes.by_base.end()) size = it->second;
        else size = crlf_size_of(folder_path, *m);
        if (!size) continue;  // gone before it got a UID: nothing to show
        if (mailbox.uidnext == UINT32_MAX) return io_failure("UID space exhausted in " + mailbox.name);
        MessageRecord rec;
        rec.uid = mailbox.uidnext++;
        rec.base = m->parsed.base;
        rec.flags = m->parsed.flags;
        rec.size = *size;
        rec.internal_date = m->mtime;
        if (auto r = idx.insert_message(mailbox.id, rec); !r) return index_failure(r.error());
    }
    return {};
}

}  // namespace

SResult<FolderSnapshot> sync_folder(index::MailIndex& idx, const std::string& mailbox_name,
                                    const std::string& folder_path, bool claim_recent) {
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
            if (known->count(m.parsed.base)) continue;
            if (auto size = crlf_size_of(folder_path, m)) sizes.by_base[m.parsed.base] = *size;
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
        } else if (it->second->parsed.flags != row.flags) {
            // The file name is the truth for flags: another program renamed it.
            if (auto r = idx.update_flags(record.id, row.uid, it->second->parsed.flags, row.keywords); !r)
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
