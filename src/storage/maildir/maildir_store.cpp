#include "storage/maildir/maildir_store.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <sys/stat.h>

#include "base/files.hpp"
#include "base/log.hpp"
#include "storage/maildir/maildir_folder.hpp"
#include "storage/maildir/maildir_mailbox.hpp"
#include "storage/maildir/maildir_sync.hpp"
#include "storage/maildir/subscriptions_file.hpp"

namespace roost::storage::maildir {
namespace {

constexpr uint32_t kAllFlags = kSeen | kAnswered | kFlagged | kDeleted | kDraft;

Failure index_failure(const Error& e) { return io_failure("index: " + e.message); }

}  // namespace

std::string MaildirStore::folder_path(const FolderName& name) const { return maildir::folder_path(root_, name); }

SResult<FolderName> MaildirStore::existing(std::string_view name) const { return existing_folder(root_, name); }

SResult<std::vector<MailboxEntry>> MaildirStore::list() {
    DIR* d = ::opendir(root_.c_str());
    if (d == nullptr) return io_failure("cannot open directory " + root_ + ": " + std::strerror(errno));
    std::vector<std::string> names;
    while (dirent* e = ::readdir(d)) {
        auto name = folder_name_from_dir(e->d_name);
        if (name && is_real_directory(root_ + "/" + e->d_name)) names.push_back(std::move(*name));
    }
    ::closedir(d);
    std::sort(names.begin(), names.end());
    names.insert(names.begin(), "INBOX");

    std::vector<MailboxEntry> out;
    for (const auto& name : names) {
        MailboxEntry entry;
        entry.name = name;
        const std::string prefix = name + kSeparator;
        entry.has_children = std::any_of(names.begin(), names.end(), [&prefix](const std::string& other) {
            return other.size() > prefix.size() && other.compare(0, prefix.size(), prefix) == 0;
        });
        out.push_back(std::move(entry));
    }
    return out;
}

SResult<void> MaildirStore::create(std::string_view name) {
    auto resolved = resolve_folder_name(name);
    if (!resolved) return resolved.error();
    const std::string path = folder_path(*resolved);
    // Only the named level is created: in Maildir++ the parents are implied by the name
    // (".a.b" is "a.b" whether or not ".a" exists), as in Dovecot.
    if (resolved->is_inbox() || ::mkdir(path.c_str(), 0700) != 0) {
        if (resolved->is_inbox() || errno == EEXIST)
            return Failure{ErrorCode::AlreadyExists, "mailbox " + resolved->name + " already exists"};
        return io_failure("cannot create " + path + ": " + std::strerror(errno));
    }
    if (auto r = create_folder_dirs(path, true); !r) return r;
    // UIDVALIDITY from the moment of creation.
    if (auto r = index_->ensure_mailbox(resolved->name); !r) return index_failure(r.error());
    log::info("storage", "created mailbox " + resolved->name);
    return {};
}

SResult<std::unique_ptr<Mailbox>> MaildirStore::open(std::string_view name, bool read_only) {
    auto resolved = existing(name);
    if (!resolved) return resolved.error();
    auto mailbox = std::make_unique<MaildirMailbox>(index_, *resolved, root_, read_only);
    if (auto r = mailbox->sync(); !r) return r.error();
    return std::unique_ptr<Mailbox>(std::move(mailbox));
}

SResult<MailboxStatus> MaildirStore::status(std::string_view name) {
    auto resolved = existing(name);
    if (!resolved) return resolved.error();
    // STATUS never claims \Recent (RFC 3501 §6.3.10 must not change the mailbox's state).
    auto snap = sync_folder(*index_, resolved->name, folder_path(*resolved), false);
    if (!snap) return snap.error();
    MailboxStatus status;
    status.messages = static_cast<uint32_t>(snap->messages.size());
    for (const auto& m : snap->messages) {
        if (m.record.uid >= snap->mailbox.recent_floor) ++status.recent;
        if (!(m.record.flags & kSeen)) ++status.unseen;
    }
    status.uidnext = snap->mailbox.uidnext;
    status.uidvalidity = snap->mailbox.uidvalidity;
    return status;
}

SResult<AppendedMessage> MaildirStore::append(std::string_view name, std::string_view message, uint32_t flags,
                                              const std::vector<std::string>& keywords, int64_t internal_date) {
    auto resolved = existing(name);
    if (!resolved) return resolved.error();
    flags &= kAllFlags;
    // The file is durable before its UID is committed (DESIGN.md, crash safety).
    auto base = deliver_message(folder_path(*resolved), message, flags, internal_date);
    if (!base) return base.error();

    auto tx = index::Transaction::begin(index_->db());
    if (!tx) return index_failure(tx.error());
    auto mailbox = index_->ensure_mailbox(resolved->name);
    if (!mailbox) return index_failure(mailbox.error());
    index::MessageRecord rec;
    rec.base = *base;
    rec.flags = flags;
    rec.keywords = keywords;
    const ContentMeasure measure = measure_content(message);
    rec.size = measure.crlf_size;
    rec.ends_with_newline = measure.ends_with_newline;
    rec.internal_date = internal_date;
    auto uid = index_new_message(*index_, *mailbox, std::move(rec));
    if (!uid) return uid.error();
    if (auto r = index_->update_mailbox(*mailbox); !r) return index_failure(r.error());
    if (auto r = tx->commit(); !r) return index_failure(r.error());
    return AppendedMessage{mailbox->uidvalidity, *uid};
}

SResult<std::vector<std::string>> MaildirStore::subscriptions() {
    const std::string path = root_ + "/" + kSubscriptionsFileName;
    if (!files::exists(path)) return std::vector<std::string>();
    auto content = files::read_all(path);
    if (!content) return io_failure(content.error().message);
    return parse_subscriptions(*content);
}

SResult<void> MaildirStore::set_subscribed(std::string_view name, bool subscribed) {
    auto resolved = resolve_folder_name(name);
    if (!resolved) return resolved.error();
    auto names = subscriptions();
    if (!names) return names.error();
    auto it = std::find(names->begin(), names->end(), resolved->name);
    if ((it != names->end()) == subscribed) return {};
    if (subscribed)
        names->push_back(resolved->name);
    else
        names->erase(it);
    // Read-modify-write without a lock: two sessions changing subscriptions in the same
    // instant may lose one change, which the client sees at its next LSUB (as with Dovecot's
    // own file without its lock).
    if (auto r = files::write_atomic(root_ + "/" + kSubscriptionsFileName, format_subscriptions(*names)); !r)
        return io_failure(r.error().message);
    return {};
}

SResult<std::unique_ptr<MailStore>> open_maildir_store(const std::string& maildir_root) {
    std::string root = maildir_root;
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    if (auto r = create_folder_dirs(root, false); !r) return r.error();
    auto index = index::MailIndex::open(root + "/" + kIndexFileName);
    if (!index) return io_failure(index.error().message);
    std::shared_ptr<index::MailIndex> shared(std::move(index.value()));
    return std::unique_ptr<MailStore>(std::make_unique<MaildirStore>(root, std::move(shared)));
}

}  // namespace roost::storage::maildir

namespace roost::storage {

SResult<std::unique_ptr<MailStore>> open_maildir_store(const std::string& maildir_root) {
    return maildir::open_maildir_store(maildir_root);
}

}  // namespace roost::storage
