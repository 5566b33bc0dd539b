#include "pop3/maildrop.hpp"

#include <cstdio>

#include "base/log.hpp"
#include "pop3/proto/writer.hpp"

namespace roost::pop3 {

storage::SResult<std::unique_ptr<Maildrop>> Maildrop::open(const std::string& maildir_root) {
    auto store = storage::open_maildir_store(maildir_root);
    if (!store) return store.error();
    auto inbox = (*store)->open("INBOX", /*read_only=*/false);
    if (!inbox) return inbox.error();
    // The snapshot must include mail delivered since the index last looked (new/).
    auto synced = (*inbox)->sync();
    if (!synced) return synced.error();
    return std::make_unique<Maildrop>(std::move(*store), std::move(*inbox));
}

Maildrop::Maildrop(std::unique_ptr<storage::MailStore> store, std::unique_ptr<storage::Mailbox> inbox)
    : store_(std::move(store)), inbox_(std::move(inbox)) {
    uidvalidity_ = inbox_->uidvalidity();
    for (const storage::MessageInfo& info : inbox_->messages()) {
        Message m;
        m.uid = info.uid;
        // RFC 1939 §5: LIST's size is exactly what RETR will send, so it counts the CRLF
        // that ends the last line when the stored message lacks one (known from the index,
        // without reading every file at login).
        m.size = proto::message_octets(info.size, info.ends_with_newline);
        m.flags = info.flags;
        m.keywords = info.keywords;
        messages_.push_back(std::move(m));
    }
}

size_t Maildrop::live_count() const {
    size_t n = 0;
    for (const Message& m : messages_) n += m.deleted ? 0 : 1;
    return n;
}

uint64_t Maildrop::live_octets() const {
    uint64_t n = 0;
    for (const Message& m : messages_) n += m.deleted ? 0 : m.size;
    return n;
}

uint64_t Maildrop::total_octets() const {
    uint64_t n = 0;
    for (const Message& m : messages_) n += m.size;
    return n;
}

size_t Maildrop::deleted_count() const { return messages_.size() - live_count(); }

Maildrop::Message* Maildrop::find(uint32_t number, std::string& error) {
    // RFC 1939 §5: "may NOT refer to a message marked as deleted".
    if (number == 0 || number > messages_.size()) {
        error = "There's no message " + std::to_string(number) + ".";
        return nullptr;
    }
    Message& m = messages_[number - 1];
    if (m.deleted) {
        error = "Message is deleted.";
        return nullptr;
    }
    return &m;
}

std::string Maildrop::uidl(const Message& message) const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%08X%08X", static_cast<unsigned>(message.uid), static_cast<unsigned>(uidvalidity_));
    return buf;
}

void Maildrop::reset_marks() {
    for (Message& m : messages_) {
        m.deleted = false;
        m.retrieved = false;  // as Dovecot: RSET also forgets the \Seen that QUIT would set
    }
}

storage::SResult<std::string> Maildrop::read(uint32_t uid) { return inbox_->read(uid); }

storage::SResult<size_t> Maildrop::commit() {
    std::vector<uint32_t> doomed;
    for (const Message& m : messages_) {
        if (m.deleted) doomed.push_back(m.uid);
    }
    size_t removed = 0;
    if (!doomed.empty()) {
        auto expunged = inbox_->expunge(doomed);
        if (!expunged) return expunged.error();
        removed = expunged->size();
    }
    // Dovecot (pop3_no_flag_updates = no, its default) marks RETRieved mail \Seen so that an
    // IMAP client on the same mailbox sees it as read; TOP does not count (RFC 1939 §7 TOP
    // is a peek). A failure here loses nothing, so it does not fail the QUIT.
    for (const Message& m : messages_) {
        if (m.deleted || !m.retrieved || (m.flags & storage::kSeen)) continue;
        auto set = inbox_->set_flags(m.uid, m.flags | storage::kSeen, m.keywords);
        if (!set && set.error().code != storage::ErrorCode::NoSuchMessage) {
            log::warning("pop3", "Couldn't set \\Seen on UID " + std::to_string(m.uid) + ": " + set.error().message);
        }
    }
    return removed;
}

}  // namespace roost::pop3
