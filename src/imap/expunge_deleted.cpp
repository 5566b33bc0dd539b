#include "imap/expunge_deleted.hpp"

#include "imap/mailbox_sync.hpp"

namespace roost::imap {

storage::SResult<std::string> expunge_deleted(storage::Mailbox& mailbox, const proto::SeqSet* uid_set) {
    std::vector<uint32_t> before = view_uids(mailbox);
    std::vector<uint32_t> candidates;  // sequence numbers
    if (uid_set) {
        candidates = resolve_set(*uid_set, true, mailbox).value_or(std::vector<uint32_t>());
    } else {
        for (uint32_t seq = 1; seq <= before.size(); ++seq) candidates.push_back(seq);
    }
    std::vector<uint32_t> deleted;
    for (uint32_t seq : candidates) {
        const storage::MessageInfo& message = mailbox.messages()[seq - 1];
        if (message.flags & storage::kDeleted) deleted.push_back(message.uid);
    }
    if (deleted.empty()) return std::string();
    auto removed = mailbox.expunge(deleted);
    if (!removed) return removed.error();
    return expunge_lines(before, *removed);
}

}  // namespace roost::imap
