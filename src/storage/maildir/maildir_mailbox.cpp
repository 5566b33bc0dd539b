#include "storage/maildir/maildir_mailbox.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <sys/stat.h>
#include <unistd.h>

#include "base/files.hpp"
#include "base/log.hpp"
#include "base/strings.hpp"
#include "mail/message.hpp"
#include "storage/maildir/maildir_folder.hpp"

namespace roost::storage::maildir {
namespace {

constexpr uint32_t kAllFlags = kSeen | kAnswered | kFlagged | kDeleted | kDraft;

MessageInfo to_info(const index::MessageRecord& r) {
    MessageInfo info;
    info.uid = r.uid;
    info.flags = r.flags;
    info.keywords = r.keywords;
    info.size = r.size;
    info.internal_date = r.internal_date;
    // Unknown only until the sync that fills in rows from index schema 1 has seen the file.
    info.ends_with_newline = r.ends_with_newline.value_or(true);
    return info;
}

Failure no_such_message(uint32_t uid) {
    return Failure{ErrorCode::NoSuchMessage, "message UID " + std::to_string(uid) + " no longer exists"};
}

}  // namespace

MaildirMailbox::MaildirMailbox(std::shared_ptr<index::MailIndex> index, FolderName name, std::string root,
                               bool read_only)
    : index_(std::move(index)),
      name_(std::move(name)),
      root_(std::move(root)),
      folder_(folder_path(root_, name_)),
      read_only_(read_only) {}

MessageInfo* MaildirMailbox::find(uint32_t uid) {
    auto it = std::lower_bound(messages_.begin(), messages_.end(), uid,
                               [](const MessageInfo& m, uint32_t u) { return m.uid < u; });
    return (it != messages_.end() && it->uid == uid) ? &*it : nullptr;
}

Failure MaildirMailbox::read_only_failure() const {
    return Failure{ErrorCode::Io, "mailbox " + name_.name + " is open read-only"};
}

std::optional<MaildirMailbox::ChangeStamp> MaildirMailbox::change_stamp() {
    // A file system may stamp directory changes with a coarse clock; a change made in the same
    // tick as the last look leaves the mtime equal, so only mtimes this old are trusted.
    constexpr int64_t kSettleNs = 2'000'000'000;
    ChangeStamp stamp;
    struct stat st {};
    if (::stat((folder_ + "/cur").c_str(), &st) != 0) return std::nullopt;
    stamp.cur_mtime_ns = int64_t(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    if (::stat((folder_ + "/new").c_str(), &st) != 0) return std::nullopt;
    stamp.new_mtime_ns = int64_t(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    auto counters = index_->db().change_counters();
    if (!counters) return std::nullopt;
    stamp.index = *counters;
    struct timespec now {};
    ::clock_gettime(CLOCK_REALTIME, &now);
    int64_t now_ns = int64_t(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
    stamp.settled = now_ns - std::max(stamp.cur_mtime_ns, stamp.new_mtime_ns) > kSettleNs;
    return stamp;
}

SResult<SyncChanges> MaildirMailbox::sync() {
    // The stamp is taken before the rescan, so a change made during it is seen next time.
    std::optional<ChangeStamp> stamp = change_stamp();
    if (stamp && stamp->settled && synced_stamp_ && *stamp == *synced_stamp_) return SyncChanges{};
    auto snap = sync_folder(*index_, name_.name, folder_, !read_only_);
    if (!snap) return snap.error();

    std::map<uint32_t, const MessageInfo*> old;
    for (const auto& m : messages_) old[m.uid] = &m;

    SyncChanges changes;
    std::vector<MessageInfo> fresh;
    fresh.reserve(snap->messages.size());
    bases_.clear();
    paths_.clear();
    for (auto& sm : snap->messages) {
        MessageInfo info = to_info(sm.record);
        auto it = old.find(info.uid);
        if (it == old.end()) {
            ++changes.added;
        } else {
            if (it->second->flags != info.flags || it->second->keywords != info.keywords)
                changes.flags_changed.push_back(info.uid);
            old.erase(it);
        }
        note_keywords(info.keywords);
        bases_[info.uid] = sm.record.base;
        paths_[info.uid] = sm.relative_path;
        fresh.push_back(std::move(info));
    }
    for (const auto& [uid, info] : old) {
        changes.expunged.push_back(uid);
        recent_.erase(uid);
    }
    messages_ = std::move(fresh);
    mailbox_id_ = snap->mailbox.id;
    uidvalidity_ = snap->mailbox.uidvalidity;
    uidnext_ = snap->mailbox.uidnext;

    if (read_only_) recent_.clear();
    for (const auto& m : messages_) {
        if (m.uid >= snap->floor_before_claim) recent_.insert(m.uid);
    }
    if (stamp) {
        // The rescan's own index writes are not news; others' commits after `stamp` still show
        // in the data_version part.
        if (auto counters = index_->db().change_counters()) stamp->index.own = counters->own;
        else stamp.reset();
    }
    synced_stamp_ = stamp;
    return changes;
}

void MaildirMailbox::note_keywords(const std::vector<std::string>& keywords) {
    for (const auto& keyword : keywords) {
        bool known = std::any_of(keywords_.begin(), keywords_.end(),
                                 [&keyword](const std::string& k) { return iequals(k, keyword); });
        if (!known) keywords_.push_back(keyword);
    }
}

SResult<std::string> MaildirMailbox::locate(uint32_t uid, bool force_rescan) {
    auto path = paths_.find(uid);
    if (!force_rescan && path != paths_.end() && !path->second.empty()) return path->second;
    // Another session renamed the file (a flag change) or moved it out of new/: the base name
    // stays, so look it up again.
    auto disk = scan_messages(folder_);
    if (!disk) return disk.error();
    const std::string& base = bases_[uid];
    for (const auto& m : *disk) {
        if (m.parsed.base == base) {
            paths_[uid] = m.relative_path();
            return m.relative_path();
        }
    }
    paths_[uid].clear();
    return std::string();
}

SResult<std::string> MaildirMailbox::read(uint32_t uid) {
    MessageInfo* info = find(uid);
    if (info == nullptr) return no_such_message(uid);
    std::optional<std::string> content;
    for (bool rescan : {false, true}) {
        auto rel = locate(uid, rescan);
        if (!rel) return rel.error();
        if (rel->empty()) break;
        auto data = files::read_all(folder_ + "/" + *rel);
        if (data) {
            content = std::move(*data);
            break;
        }
    }
    if (!content) return no_such_message(uid);
    std::string crlf = mail::to_crlf(*content);
    const ContentMeasure measure = measure_content(*content);
    if (measure.crlf_size != info->size || measure.ends_with_newline != info->ends_with_newline) {
        // The file was edited in place or its ,W= lied: the file is the truth.
        log::warning("storage", "size of UID " + std::to_string(uid) + " in " + name_.name + " changed from " +
                                    std::to_string(info->size) + " to " + std::to_string(measure.crlf_size) +
                                    (measure.ends_with_newline ? "" : " (no final line break)"));
        info->size = measure.crlf_size;
        info->ends_with_newline = measure.ends_with_newline;
        if (auto r = index_->update_size(mailbox_id_, uid, info->size, info->ends_with_newline); !r)
            return io_failure("index: " + r.error().message);
        // What was derived from the old content no longer holds.
        if (auto r = index_->forget_cached_fields(mailbox_id_, uid); !r)
            return io_failure("index: " + r.error().message);
    }
    return crlf;
}

SResult<std::optional<std::string>> MaildirMailbox::cached_field(uint32_t uid, std::string_view key) {
    if (find(uid) == nullptr) return std::optional<std::string>();
    auto value = index_->cached_field(mailbox_id_, uid, key);
    if (!value) return io_failure("index: " + value.error().message);
    return std::move(*value);
}

SResult<void> MaildirMailbox::store_cached_field(uint32_t uid, std::string_view key, std::string_view value) {
    if (find(uid) == nullptr) return no_such_message(uid);
    if (auto r = index_->store_cached_field(mailbox_id_, uid, key, value); !r)
        return io_failure("index: " + r.error().message);
    return {};
}

SResult<void> MaildirMailbox::set_flags(uint32_t uid, uint32_t flags, const std::vector<std::string>& keywords) {
    if (read_only_) return read_only_failure();
    MessageInfo* info = find(uid);
    if (info == nullptr) return no_such_message(uid);
    flags &= kAllFlags;
    // Under the index's write lock, so a concurrent sync never sees the rename half-done
    // relative to the row (its own rescan runs under the same lock).
    auto tx = index::Transaction::begin(index_->db());
    if (!tx) return io_failure("index: " + tx.error().message);
    for (bool rescan : {false, true}) {
        auto rel = locate(uid, rescan);
        if (!rel) return rel.error();
        if (rel->empty()) return no_such_message(uid);
        std::string file_name = rel->substr(rel->find('/') + 1);
        auto parsed = parse_maildir_filename(file_name);
        if (!parsed) return io_failure("unparsable Maildir name " + *rel);
        std::string target = "cur/" + build_maildir_filename(parsed->base, flags, parsed->other_letters);
        if (target == *rel) break;
        if (::rename((folder_ + "/" + *rel).c_str(), (folder_ + "/" + target).c_str()) == 0) {
            paths_[uid] = target;
            break;
        }
        if (errno != ENOENT) return io_failure("cannot rename " + folder_ + "/" + *rel + ": " + std::strerror(errno));
        if (rescan) return no_such_message(uid);
    }
    if (auto r = index_->update_flags(mailbox_id_, uid, flags, keywords); !r)
        return io_failure("index: " + r.error().message);
    if (auto r = tx->commit(); !r) return io_failure("index: " + r.error().message);
    info->flags = flags;
    info->keywords = keywords;
    note_keywords(keywords);
    return {};
}

SResult<std::vector<uint32_t>> MaildirMailbox::expunge(const std::vector<uint32_t>& uids) {
    if (read_only_) return read_only_failure();
    std::vector<uint32_t> wanted(uids);
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    std::vector<uint32_t> removed;
    for (uint32_t uid : wanted) {
        if (find(uid) == nullptr) continue;
        for (bool rescan : {false, true}) {
            auto rel = locate(uid, rescan);
            if (!rel) return rel.error();
            if (rel->empty()) break;  // already gone: another session expunged it
            if (::unlink((folder_ + "/" + *rel).c_str()) == 0) break;
            if (errno != ENOENT) return io_failure("cannot unlink " + folder_ + "/" + *rel + ": " + std::strerror(errno));
        }
        removed.push_back(uid);
    }
    if (removed.empty()) return removed;
    // The unlinks are durable before the rows go; a crash in between leaves rows whose files
    // are gone, which the next sync deletes.
    if (auto r = files::fsync_dir(folder_ + "/cur"); !r) return io_failure(r.error().message);
    auto tx = index::Transaction::begin(index_->db());
    if (!tx) return io_failure("index: " + tx.error().message);
    for (uint32_t uid : removed) {
        if (auto r = index_->delete_message(mailbox_id_, uid); !r) return io_failure("index: " + r.error().message);
    }
    if (auto r = tx->commit(); !r) return io_failure("index: " + r.error().message);
    std::set<uint32_t> gone(removed.begin(), removed.end());
    messages_.erase(std::remove_if(messages_.begin(), messages_.end(),
                                   [&gone](const MessageInfo& m) { return gone.count(m.uid) != 0; }),
                    messages_.end());
    for (uint32_t uid : removed) {
        bases_.erase(uid);
        paths_.erase(uid);
        recent_.erase(uid);
    }
    return removed;
}

}  // namespace roost::storage::maildir
