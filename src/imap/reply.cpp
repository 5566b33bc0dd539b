#include "imap/reply.hpp"

#include "base/log.hpp"
#include "imap/proto/writer.hpp"

namespace roost::imap {

std::string failure_reply(std::string_view tag, const storage::Failure& failure, std::string_view user) {
    using storage::ErrorCode;
    switch (failure.code) {
        case ErrorCode::NotFound:
            return proto::tagged(tag, "NO", "NONEXISTENT", "Mailbox doesn't exist.");
        case ErrorCode::AlreadyExists:
            return proto::tagged(tag, "NO", "ALREADYEXISTS", "Mailbox already exists.");
        case ErrorCode::InvalidName:
            return proto::tagged(tag, "NO", "CANNOT", "Invalid mailbox name.");
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

}  // namespace roost::imap
