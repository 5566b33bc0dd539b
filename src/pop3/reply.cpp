#include "pop3/reply.hpp"

#include "base/log.hpp"

namespace roost::pop3 {

std::string storage_error_text(const storage::Failure& failure, std::string_view component) {
    switch (failure.code) {
        case storage::ErrorCode::NoSuchMessage:
            // Another program (an IMAP session, a repair) removed it after our snapshot.
            return "Message no longer exists.";
        case storage::ErrorCode::InUse:
            return "[IN-USE] Mailbox is in use by another session.";
        case storage::ErrorCode::NotFound:
        case storage::ErrorCode::AlreadyExists:
        case storage::ErrorCode::InvalidName:
        case storage::ErrorCode::Io:
            break;
    }
    // The client learns only that it may retry; the log keeps the reason (Dovecot does the same).
    log::error(component, "Storage error: " + failure.message);
    return "[SYS/TEMP] Internal error occurred. Refer to server log for more information.";
}

}  // namespace roost::pop3
