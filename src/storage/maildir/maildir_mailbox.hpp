// A Maildir folder opened by one session: the Mailbox of mail_store.hpp over maildir_sync.
//
// \Recent (RFC 3501 §2.3.2): a read-write open claims every UID at or above the index's recent
// floor and raises the floor to UIDNEXT in the same transaction, so exactly one session sees a
// message as recent; messages its later syncs find are recent to it too. A read-only open
// (EXAMINE) shows the unclaimed messages as recent without claiming them.
//
// sync() skips the rescan when neither cur/ nor new/ changed (their mtimes, trusted only once
// they are a few seconds old, since a file system's clock tick may hide a change made in the
// same tick) and no index row changed (SqliteDb::change_counters). Sessions sync after most
// commands, so the common case, nothing new, costs two stat() calls and one PRAGMA.
//
// A read-only Mailbox refuses set_flags and expunge with ErrorCode::Io ("read-only"): the
// protocol layer is expected to answer before asking.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "storage/index/mail_index.hpp"
#include "storage/mail_store.hpp"
#include "storage/maildir/folder_name.hpp"
#include "storage/maildir/maildir_sync.hpp"

namespace roost::storage::maildir {

class MaildirMailbox final : public Mailbox {
public:
    // `root`: the Maildir root, which holds this folder and any COPY target.
    MaildirMailbox(std::shared_ptr<index::MailIndex> index, FolderName name, std::string root, bool read_only);

    const std::string& name() const override { return name_.name; }
    bool read_only() const override { return read_only_; }
    uint32_t uidvalidity() const override { return uidvalidity_; }
    uint32_t uidnext() const override { return uidnext_; }
    const std::vector<MessageInfo>& messages() const override { return messages_; }
    const std::vector<std::string>& keywords() const override { return keywords_; }
    bool is_recent(uint32_t uid) const override { return recent_.count(uid) != 0; }

    SResult<SyncChanges> sync() override;
    SResult<std::string> read(uint32_t uid) override;
    SResult<std::optional<std::string>> cached_field(uint32_t uid, std::string_view key) override;
    SResult<void> store_cached_field(uint32_t uid, std::string_view key, std::string_view value) override;
    SResult<void> set_flags(uint32_t uid, uint32_t flags, const std::vector<std::string>& keywords) override;
    SResult<std::vector<uint32_t>> expunge(const std::vector<uint32_t>& uids) override;
    SResult<CopiedMessages> copy_to(const std::vector<uint32_t>& uids, std::string_view target) override;

private:
    MessageInfo* find(uint32_t uid);
    // The file's current path relative to the folder, rescanning when another session renamed
    // it; empty when it is gone.
    SResult<std::string> locate(uint32_t uid, bool force_rescan);
    Failure read_only_failure() const;
    // One message's copy placed into target_dir/cur (maildir_copy.cpp); returns its base name.
    SResult<std::string> place_copy(const MessageInfo& info, const std::string& target_dir);
    void note_keywords(const std::vector<std::string>& keywords);

    // What sync() compares to decide whether a rescan can find anything new.
    struct ChangeStamp {
        int64_t cur_mtime_ns = 0;
        int64_t new_mtime_ns = 0;
        index::SqliteDb::ChangeCounters index;
        bool settled = false;  // both mtimes old enough to be trusted
        bool operator==(const ChangeStamp&) const = default;
    };
    std::optional<ChangeStamp> change_stamp();

    std::shared_ptr<index::MailIndex> index_;
    FolderName name_;
    std::string root_;
    std::string folder_;
    bool read_only_;
    uint32_t uidvalidity_ = 0;
    uint32_t uidnext_ = 1;
    int64_t mailbox_id_ = 0;
    std::vector<MessageInfo> messages_;
    std::vector<std::string> keywords_;  // see Mailbox::keywords()
    std::map<uint32_t, std::string> bases_;  // uid -> Maildir base name
    std::map<uint32_t, std::string> paths_;  // uid -> "cur/<name>" as last seen
    std::set<uint32_t> recent_;
    std::optional<ChangeStamp> synced_stamp_;  // as taken before the last full sync
};

}  // namespace roost::storage::maildir
