#include "pop3/mailbox_lock.hpp"

#include <set>
#include <utility>

namespace roost::pop3 {
namespace {

std::set<std::string>& held_users() {
    static std::set<std::string> users;
    return users;
}

}  // namespace

std::optional<MailboxLock> MailboxLock::acquire(const std::string& user) {
    if (user.empty() || !held_users().insert(user).second) return std::nullopt;
    return MailboxLock(user);
}

bool MailboxLock::is_held(const std::string& user) { return held_users().count(user) != 0; }

MailboxLock::MailboxLock(MailboxLock&& other) noexcept : user_(std::exchange(other.user_, std::string())) {}

MailboxLock& MailboxLock::operator=(MailboxLock&& other) noexcept {
    if (this != &other) {
        release();
        user_ = std::exchange(other.user_, std::string());
    }
    return *this;
}

MailboxLock::~MailboxLock() { release(); }

void MailboxLock::release() {
    if (!user_.empty()) held_users().erase(user_);
    user_.clear();
}

}  // namespace roost::pop3
