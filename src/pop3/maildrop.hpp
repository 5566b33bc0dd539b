// The POP3 view of a user's INBOX: the message list fixed at login (RFC 1939 §5: message
// numbers stay valid for the whole session), the session's DELE marks, and the UPDATE step.
//
// Threading: open(), read() and commit() block on disk and SQLite and run on the worker
// pool; everything else is in-memory bookkeeping for the loop thread. The session never runs
// both at once (one command at a time).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "storage/mail_store.hpp"

namespace roost::pop3 {

class Maildrop {
public:
    struct Message {
        uint32_t uid = 0;
        // Octets RETR sends before dot-stuffing and the terminator (CRLF line ends, and the
        // CRLF added after a last line that has none: proto::message_octets).
        uint64_t size = 0;
        uint32_t flags = 0;
        std::vector<std::string> keywords;
        bool deleted = false;    // DELE mark, applied only at QUIT
        bool retrieved = false;  // RETR sent it completely: \Seen at QUIT
    };

    // Blocking. Opens (creating when missing) the Maildir at `maildir_root`, its INBOX
    // read-write, and takes the snapshot (a sync first, so new/ mail is included).
    static storage::SResult<std::unique_ptr<Maildrop>> open(const std::string& maildir_root);
    // For tests: a snapshot over an already open mailbox.
    explicit Maildrop(std::unique_ptr<storage::MailStore> store, std::unique_ptr<storage::Mailbox> inbox);

    // Messages in the snapshot, deleted ones included (numbers run 1..size()).
    size_t size() const { return messages_.size(); }
    // STAT: messages and octets not marked deleted (RFC 1939 §5).
    size_t live_count() const;
    uint64_t live_octets() const;
    // Everything at login, for the logout log line.
    uint64_t total_octets() const;
    size_t deleted_count() const;

    // Message `number` (1-based) if it exists and is not marked deleted; otherwise nullptr
    // and `error` holds the -ERR text.
    Message* find(uint32_t number, std::string& error);
    // Message `number` (1 <= number <= size()), deleted or not.
    const Message& at(uint32_t number) const { return messages_[number - 1]; }
    Message& at(uint32_t number) { return messages_[number - 1]; }

    // RFC 1939 §7 UIDL: Dovecot's default pop3_uidl_format "%08Xu%08Xv" (UID, then
    // UIDVALIDITY, each as 8 upper-case hex digits) so that clients moving from Dovecot do
    // not download everything again, and stable because UIDs persist in the index.
    std::string uidl(const Message& message) const;

    // DELE marks; RSET clears them and the RETR marks (no \Seen at QUIT).
    void mark_deleted(Message& message) { message.deleted = true; }
    void reset_marks();

    // Blocking. The whole message, CRLF line ends.
    storage::SResult<std::string> read(uint32_t uid);

    // Blocking. RFC 1939 §6 UPDATE: removes the marked messages and sets \Seen on those
    // retrieved and kept. Returns how many messages were removed.
    storage::SResult<size_t> commit();

private:
    std::unique_ptr<storage::MailStore> store_;
    std::unique_ptr<storage::Mailbox> inbox_;
    std::vector<Message> messages_;
    uint32_t uidvalidity_ = 0;
};

}  // namespace roost::pop3
