#include "imap/expunge_deleted.hpp"

#include "imap/mailbox_sync.hpp"

namespace roost::imap {

storage::SResult<std::string> expunge_deleted(storage::Mailbox& mailbox) {
    std::vector<uint32_t> before = view_uids(mailbox);
    std::vector<uint32_t> deleted;
    for (const auto& message : mailbox.messages())
        if (message.flags & storage::kDeleted) deleted.push_back(message.uid);
    if (deleted.empty()) return std::string();
    auto removed = mailbox.expunge(deleted);
    if (!removed) return removed.error();
    return expunge_lines(before, *removed);
}

}  // namespace roost::imap
