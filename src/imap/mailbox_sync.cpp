#include "imap/mailbox_sync.hpp"

#include <algorithm>

#include "imap/flags.hpp"
#include "imap/proto/writer.hpp"

namespace roost::imap {

std::vector<uint32_t> view_uids(const storage::Mailbox& mailbox) {
    std::vector<uint32_t> uids;
    uids.reserve(mailbox.messages().size());
    for (const auto& message : mailbox.messages()) uids.push_back(message.uid);
    return uids;
}

std::optional<std::vector<uint32_t>> resolve_set(const proto::SeqSet& set, bool uids, const storage::Mailbox& mailbox) {
    if (mailbox.messages().empty()) return std::vector<uint32_t>();
    if (uids) return set.resolve_uids(view_uids(mailbox));
    return set.resolve_sequence(static_cast<uint32_t>(mailbox.messages().size()));
}

std::string expunge_lines(const std::vector<uint32_t>& uids_before, const std::vector<uint32_t>& removed) {
    std::string out;
    uint32_t already = 0;  // lines sent so far: later sequence numbers moved down by this many
    for (uint32_t uid : removed) {
        auto it = std::lower_bound(uids_before.begin(), uids_before.end(), uid);
        if (it == uids_before.end() || *it != uid) continue;  // not in the client's view
        uint32_t seq = static_cast<uint32_t>(it - uids_before.begin()) + 1 - already;
        out += proto::untagged(std::to_string(seq) + " EXPUNGE");
        ++already;
    }
    return out;
}

std::string flags_fetch_line(const storage::Mailbox& mailbox, uint32_t seq, bool with_uid) {
    const storage::MessageInfo& info = mailbox.messages()[seq - 1];
    std::string line = std::to_string(seq) + " FETCH (";
    if (with_uid) line += "UID " + std::to_string(info.uid) + " ";
    line += "FLAGS " + flag_list(info.flags, info.keywords, mailbox.is_recent(info.uid)) + ")";
    return proto::untagged(line);
}

uint32_t recent_count(const storage::Mailbox& mailbox) {
    uint32_t recent = 0;
    for (const auto& message : mailbox.messages())
        if (mailbox.is_recent(message.uid)) ++recent;
    return recent;
}

storage::SResult<std::string> sync_and_report(storage::Mailbox& mailbox) {
    std::vector<uint32_t> before = view_uids(mailbox);
    uint32_t recent_before = recent_count(mailbox);
    auto changes = mailbox.sync();
    if (!changes) return changes.error();
    std::string out = expunge_lines(before, changes->expunged);
    const auto& messages = mailbox.messages();
    uint32_t recent = recent_count(mailbox);
    if (changes->added > 0) out += proto::untagged(std::to_string(messages.size()) + " EXISTS");
    // RFC 3501 §7.3.2: RECENT comes when the mailbox's size changes (new or expunged mail)
    // and with it the number of \Recent messages; after new mail it is always sent.
    if (changes->added > 0 || recent != recent_before) out += proto::untagged(std::to_string(recent) + " RECENT");
    for (uint32_t uid : changes->flags_changed) {
        auto it = std::lower_bound(messages.begin(), messages.end(), uid,
                                   [](const storage::MessageInfo& m, uint32_t u) { return m.uid < u; });
        if (it == messages.end() || it->uid != uid) continue;
        out += flags_fetch_line(mailbox, static_cast<uint32_t>(it - messages.begin()) + 1, false);
    }
    return out;
}

}  // namespace roost::imap
