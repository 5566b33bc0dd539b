#include "imap/reply.hpp"

#include "base/log.hpp"
#include "imap/proto/args.hpp"
#include "imap/proto/writer.hpp"
#include "mail/mutf7.hpp"

namespace roost::imap {

std::string failure_reply(std::string_view tag, const storage::Failure& failure, std::string_view user) {
    using storage::ErrorCode;
    switch (failure.code) {
        case ErrorCode::NotFound:
            return proto::tagged(tag, "NO", "NONEXISTENT", "Mailbox doesn't exist.");
        case ErrorCode::AlreadyExists:
            return proto::tagged(tag, "NO", "ALREADYEXISTS", "Mailbox already exists.");
        case ErrorCode::InvalidName:
            // Storage words its reasons as whole sentences ("Invalid mailbox name: Has
            // adjacent hierarchy separators"), as Dovecot shows them.
            return proto::tagged(tag, "NO", "CANNOT", failure.message + ".");
        case ErrorCode::NoSuchMessage:
            return proto::tagged(tag, "NO", "EXPUNGEISSUED", "Some of the requested messages no longer exist.");
        case ErrorCode::InUse:
            return proto::tagged(tag, "NO", "INUSE", "Mailbox is in use by another session.");
        case ErrorCode::Io:
            break;
    }
    log::error(std::string("imap(") + std::string(user) + ")", failure.message);
    return proto::tagged(tag, "NO", "SERVERBUG", "Internal error occurred. Refer to server log for more information.");
}

std::string mailbox_argument_reply(std::string_view tag, std::string_view command, const Error& error) {
    // Dovecot answers a name that is not modified UTF-7 with NO: the command was well formed.
    if (error.message == proto::kInvalidMutf7Name) return proto::tagged(tag, "NO", "", error.message + ".");
    return proto::tagged(tag, "BAD", "", "Error in IMAP command " + std::string(command) + ": " + error.message + ".");
}

std::string mailbox_for_text(const std::string& name) { return mail::utf8_to_mutf7(name); }

}  // namespace roost::imap
