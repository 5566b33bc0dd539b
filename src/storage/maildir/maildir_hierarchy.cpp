// DELETE and RENAME of Maildir++ folders (MaildirStore::remove, MaildirStore::rename).
//
// In Maildir++ every mailbox is one ".a.b.c" directory directly in the root, and a level
// such as "a" exists by implication while some ".a.*" directory exists. So:
//  - removing "a" removes only ".a": its children keep "a" alive as a \Noselect parent, which
//    is what RFC 3501 §6.3.4 asks of a deleted mailbox that has inferiors. (Dovecot 2.3
//    instead keeps an empty ".a" that LIST shows as selectable and SELECT calls missing.)
//  - renaming "a" renames ".a" and every ".a.*" directory, each with one rename(2).
// A folder to remove is first renamed out of the namespace ("..roost-deleted.<unique>", a
// name no mailbox can have, see folder_name.hpp), so it vanishes at once for every session
// and a crash half-way through the recursive removal leaves nothing visible.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/files.hpp"
#include "base/log.hpp"
#include "storage/maildir/maildir_folder.hpp"
#include "storage/maildir/maildir_store.hpp"
#include "storage/maildir/maildir_sync.hpp"

namespace roost::storage::maildir {
namespace {

Failure index_failure(const Error& e) { return io_failure("index: " + e.message); }

Failure already_exists(const std::string& name) {
    return Failure{ErrorCode::AlreadyExists, "mailbox " + name + " already exists"};
}

bool is_below(const std::string& name, const std::string& parent) {
    return name.size() > parent.size() + 1 && name.compare(0, parent.size(), parent) == 0 &&
           name[parent.size()] == MailStore::kSeparator;
}

// rename(2) that never replaces an existing target.
bool rename_no_replace(const std::string& from, const std::string& to) {
    return ::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0;
}

}  // namespace

SResult<void> MaildirStore::remove(std::string_view name) {
    auto resolved = existing(name);
    if (!resolved) return resolved.error();
    if (resolved->is_inbox()) return Failure{ErrorCode::InvalidName, "INBOX can't be deleted"};
    const std::string path = folder_path(*resolved);
    std::string doomed = root_ + "/..roost-deleted." + make_unique_base(0, 0);
    if (!rename_no_replace(path, doomed)) {
        if (errno == ENOENT) return Failure{ErrorCode::NotFound, "mailbox " + resolved->name + " does not exist"};
        return io_failure("cannot rename " + path + " to " + doomed + ": " + std::strerror(errno));
    }
    (void)files::fsync_dir(root_);
    // The index row goes once the folder is out of sight; a crash in between leaves a row
    // without a folder, which only reserves its UIDVALIDITY until a CREATE replaces it.
    auto tx = index::Transaction::begin(index_->db());
    if (!tx) return index_failure(tx.error());
    if (auto r = index_->delete_mailbox(resolved->name); !r) return index_failure(r.error());
    if (auto r = tx->commit(); !r) return index_failure(r.error());
    std::error_code ec;
    std::filesystem::remove_all(doomed, ec);
    if (ec) log::warning("storage", "cannot remove " + doomed + ": " + ec.message());
    log::info("storage", "deleted mailbox " + resolved->name);
    return {};
}

SResult<void> MaildirStore::rename(std::string_view from_name, std::string_view to_name) {
    auto from = resolve_folder_name(from_name);
    if (!from) return from.error();
    auto to = resolve_folder_name(to_name);
    if (!to) return to.error();
    if (from->name == to->name) return already_exists(to->name);
    if (to->is_inbox()) return already_exists(to->name);
    if (is_below(to->name, from->name))
        return Failure{ErrorCode::InvalidName, "can't rename mailbox " + from->name + " under its own child"};
    if (from->is_inbox()) return rename_inbox(*to);

    if (folder_exists(folder_path(*to))) return already_exists(to->name);
    auto entries = list();
    if (!entries) return entries.error();
    // Every directory that moves: the mailbox itself (when it exists) and all below it.
    std::vector<std::pair<FolderName, FolderName>> moves;
    for (const auto& entry : *entries) {
        if (entry.name != from->name && !is_below(entry.name, from->name)) continue;
        auto target = resolve_folder_name(to->name + entry.name.substr(from->name.size()));
        if (!target) return target.error();
        if (folder_exists(folder_path(*target))) return already_exists(target->name);
        auto source = resolve_folder_name(entry.name);
        if (!source) return source.error();
        moves.emplace_back(std::move(*source), std::move(*target));
    }
    if (moves.empty()) return Failure{ErrorCode::NotFound, "mailbox " + from->name + " does not exist"};

    for (size_t i = 0; i < moves.size(); ++i) {
        const std::string source = folder_path(moves[i].first), target = folder_path(moves[i].second);
        if (rename_no_replace(source, target)) continue;
        int err = errno;
        // Put back what already moved, so that a failure changes nothing.
        for (size_t k = i; k-- > 0;) (void)rename_no_replace(folder_path(moves[k].second), folder_path(moves[k].first));
        if (err == EEXIST || err == ENOTEMPTY) return already_exists(moves[i].second.name);
        errno = err;
        return io_failure("cannot rename " + source + " to " + target + ": " + std::strerror(err));
    }
    (void)files::fsync_dir(root_);
    // A crash before this commit leaves rows under the old names: the renamed folders then
    // get a fresh UIDVALIDITY on their first sync, so clients resynchronise rather than err.
    auto tx = index::Transaction::begin(index_->db());
    if (!tx) return index_failure(tx.error());
    for (const auto& [source, target] : moves) {
        if (auto r = index_->rename_mailbox(source.name, target.name); !r) return index_failure(r.error());
    }
    if (auto r = tx->commit(); !r) return index_failure(r.error());
    log::info("storage", "renamed mailbox " + from->name + " to " + to->name);
    return {};
}

// RFC 3501 §6.3.5: renaming INBOX moves its messages to a new mailbox and leaves INBOX empty
// (Dovecot 2.3 refuses this with Maildir++; the RFC wins). The files move with rename(2), so
// a message is always in exactly one of the two folders; the index rows follow in one
// transaction. A crash before it commits leaves the moved files to be found by the target's
// next sync: flags kept (they are in the file names), keywords lost.
SResult<void> MaildirStore::rename_inbox(const FolderName& to) {
    const std::string target = folder_path(to);
    if (::mkdir(target.c_str(), 0700) != 0) {
        if (errno == EEXIST) return already_exists(to.name);
        return io_failure("cannot create " + target + ": " + std::strerror(errno));
    }
    if (auto r = create_folder_dirs(target, true); !r) return r;

    auto inbox = sync_folder(*index_, "INBOX", root_, false);
    if (!inbox) return inbox.error();
    std::vector<const SyncedMessage*> moved;
    for (const auto& message : inbox->messages) {
        if (message.relative_path.empty()) continue;
        const std::string file_name = message.relative_path.substr(message.relative_path.find('/') + 1);
        if (rename_no_replace(root_ + "/" + message.relative_path, target + "/cur/" + file_name)) {
            moved.push_back(&message);
            continue;
        }
        if (errno == ENOENT) continue;  // expunged by another session meanwhile
        Failure failure = io_failure("cannot move " + root_ + "/" + message.relative_path + " to " + target +
                                     "/cur: " + std::strerror(errno));
        for (const SyncedMessage* back : moved) {
            const std::string name = back->relative_path.substr(back->relative_path.find('/') + 1);
            (void)rename_no_replace(target + "/cur/" + name, root_ + "/" + back->relative_path);
        }
        std::error_code ec;
        std::filesystem::remove_all(target, ec);
        return failure;
    }
    if (auto r = files::fsync_dir(target + "/cur"); !r) return io_failure(r.error().message);
    if (auto r = files::fsync_dir(root_ + "/cur"); !r) return io_failure(r.error().message);
    (void)files::fsync_dir(root_);

    auto tx = index::Transaction::begin(index_->db());
    if (!tx) return index_failure(tx.error());
    auto mailbox = index_->ensure_mailbox(to.name);
    if (!mailbox) return index_failure(mailbox.error());
    for (const SyncedMessage* message : moved) {
        if (auto uid = index_new_message(*index_, *mailbox, message->record); !uid) return uid.error();
        if (auto r = index_->delete_message(inbox->mailbox.id, message->record.uid); !r)
            return index_failure(r.error());
    }
    if (auto r = index_->update_mailbox(*mailbox); !r) return index_failure(r.error());
    if (auto r = tx->commit(); !r) return index_failure(r.error());
    log::info("storage", "renamed INBOX to " + to.name + ": moved " + std::to_string(moved.size()) + " messages");
    return {};
}

}  // namespace roost::storage::maildir
