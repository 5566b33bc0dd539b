// Which users have a POP3 transaction open in this process. RFC 1939 §8 lets a server
// refuse a second POP3 session on the same maildrop, and RFC 2449 §8.1.2 names the answer
// [IN-USE]: the message numbers and DELE marks of one session would be wrong for the other.
// IMAP sessions are not affected (storage coordinates them through the index).
//
// Threading: loop thread only (sessions run there); no locking needed.
#pragma once

#include <optional>
#include <string>

namespace roost::pop3 {

class MailboxLock {
public:
    // Takes the lock for `user` (canonical name), or nullopt when another session holds it.
    static std::optional<MailboxLock> acquire(const std::string& user);
    // True while some session holds `user`'s lock.
    static bool is_held(const std::string& user);

    MailboxLock(MailboxLock&& other) noexcept;
    MailboxLock& operator=(MailboxLock&& other) noexcept;
    MailboxLock(const MailboxLock&) = delete;
    MailboxLock& operator=(const MailboxLock&) = delete;
    // Releases the lock.
    ~MailboxLock();

private:
    explicit MailboxLock(std::string user) : user_(std::move(user)) {}
    void release();

    std::string user_;  // empty once moved from
};

}  // namespace roost::pop3
