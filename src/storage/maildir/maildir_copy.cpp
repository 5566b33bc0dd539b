// COPY between Maildir folders (MaildirMailbox::copy_to).
//
// Maildir message files never change once delivered (flags live in the name), so a copy can
// be a hard link under a new unique base name: no bytes copied, and the shared inode keeps
// the mtime that is the INTERNALDATE. Where a link is impossible (another file system, a
// file system without links, the link limit) the content is copied through tmp/ like a
// delivery. Every new name is durable (fsync of cur/) before the index gives it a UID.
#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

#include "base/files.hpp"
#include "storage/maildir/maildir_folder.hpp"
#include "storage/maildir/maildir_mailbox.hpp"

namespace roost::storage::maildir {
namespace {

Failure index_failure(const Error& e) { return io_failure("index: " + e.message); }

// Keyword letters (a-z) map to keywords through a per-folder table, so they would mean
// something else in the target; the keywords travel in the index instead. Other letters
// (P for Passed, unknown ones) are kept.
std::string letters_for_copy(std::string_view other_letters) {
    std::string kept;
    for (char c : other_letters)
        if (c < 'a' || c > 'z') kept += c;
    return kept;
}

bool link_impossible(int err) { return err == EXDEV || err == EPERM || err == EMLINK || err == EOPNOTSUPP; }

}  // namespace

SResult<std::string> MaildirMailbox::place_copy(const MessageInfo& info, const std::string& target_dir) {
    for (bool rescan : {false, true}) {
        auto rel = locate(info.uid, rescan);
        if (!rel) return rel.error();
        if (rel->empty()) break;
        const std::string source = folder_ + "/" + *rel;
        auto parsed = parse_maildir_filename(rel->substr(rel->find('/') + 1));
        if (!parsed) return io_failure("unparsable Maildir name " + source);
        struct stat st {};
        if (::lstat(source.c_str(), &st) != 0) {
            if (errno == ENOENT) continue;  // renamed by another session: look again
            return io_failure("cannot stat " + source + ": " + std::strerror(errno));
        }
        const std::string base = make_unique_base(static_cast<uint64_t>(st.st_size), info.size);
        const std::string target =
            target_dir + "/cur/" + build_maildir_filename(base, info.flags, letters_for_copy(parsed->other_letters));
        if (::link(source.c_str(), target.c_str()) == 0) return base;
        if (errno == ENOENT) continue;
        if (!link_impossible(errno))
            return io_failure("cannot link " + source + " to " + target + ": " + std::strerror(errno));
        auto content = files::read_all(source);
        if (!content) continue;  // gone meanwhile
        return deliver_message(target_dir, *content, info.flags, info.internal_date);
    }
    return Failure{ErrorCode::NoSuchMessage, "message UID " + std::to_string(info.uid) + " no longer exists"};
}

SResult<CopiedMessages> MaildirMailbox::copy_to(const std::vector<uint32_t>& uids, std::string_view target_name) {
    auto target = existing_folder(root_, target_name);
    if (!target) return target.error();
    const std::string target_dir = folder_path(root_, *target);

    struct Placed {
        const MessageInfo* info;
        std::string base;
    };
    std::vector<Placed> placed;
    // All or nothing: a failure removes the copies made so far.
    auto undo = [&placed, &target_dir]() {
        if (placed.empty()) return;
        // Found by base name (unique), since a concurrent sync may have moved a copy.
        auto disk = scan_messages(target_dir);
        if (!disk) return;
        for (const auto& m : *disk) {
            for (const Placed& p : placed)
                if (m.parsed.base == p.base) ::unlink((target_dir + "/" + m.relative_path()).c_str());
        }
    };
    for (uint32_t uid : uids) {
        const MessageInfo* info = find(uid);
        if (info == nullptr) {
            undo();
            return Failure{ErrorCode::NoSuchMessage, "message UID " + std::to_string(uid) + " no longer exists"};
        }
        auto base = place_copy(*info, target_dir);
        if (!base) {
            undo();
            return base.error();
        }
        placed.push_back(Placed{info, std::move(*base)});
    }
    if (auto r = files::fsync_dir(target_dir + "/cur"); !r) {
        undo();
        return io_failure(r.error().message);
    }

    CopiedMessages copied;
    auto commit = [&]() -> SResult<void> {
        auto tx = index::Transaction::begin(index_->db());
        if (!tx) return index_failure(tx.error());
        auto mailbox = index_->ensure_mailbox(target->name);
        if (!mailbox) return index_failure(mailbox.error());
        for (const Placed& p : placed) {
            index::MessageRecord rec;
            rec.base = p.base;
            rec.flags = p.info->flags;
            rec.keywords = p.info->keywords;
            rec.size = p.info->size;
            rec.ends_with_newline = p.info->ends_with_newline;
            rec.internal_date = p.info->internal_date;
            auto uid = index_new_message(*index_, *mailbox, std::move(rec));
            if (!uid) return uid.error();
            copied.source_uids.push_back(p.info->uid);
            copied.target_uids.push_back(*uid);
        }
        if (auto r = index_->update_mailbox(*mailbox); !r) return index_failure(r.error());
        if (auto r = tx->commit(); !r) return index_failure(r.error());
        copied.uidvalidity = mailbox->uidvalidity;
        return {};
    };
    if (auto r = commit(); !r) {
        undo();
        return r.error();
    }
    return copied;
}

}  // namespace roost::storage::maildir
