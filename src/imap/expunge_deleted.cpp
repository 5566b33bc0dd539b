#include "imap/expunge_deleted.hpp"

#include "imap/mailbox_sync.hpp"

namespace roost::imap {

storage::SResult<std::string> expunge_deleted(storage::Mailbox& mailbox, const proto::SeqSet* uid_set) {
    std::vector<uint32_t> before = view_uids(mailbox);
    if (before.empty()) return std::string();
    const uint32_t star = before.back();  // "*" in a UID set is the largest UID (RFC 3501 §9)
    std::vector<uint32_t> deleted;
    for (const auto& message : mailbox.messages()) {
        if (!(message.flags & storage::kDeleted)) continue;
        if (uid_set && !uid_set->contains(message.uid, star)) continue;
        deleted.push_back(message.uid);
    }
    if (deleted.empty()) return std::string();
    auto removed = mailbox.expunge(deleted);
    if (!removed) return removed.error();
    return expunge_lines(before, *removed);
}

}  // namespace roost::imap
