// Storage failures -> tagged NO responses with RFC 5530 response codes, in one place.
#pragma once

#include <string>
#include <string_view>

#include "storage/mail_store.hpp"

namespace roost::imap {

// "tag NO [CODE] text" CRLF. Io failures are logged (with `user` and the storage message)
// and answered with Dovecot's generic internal-error text, never the details.
std::string failure_reply(std::string_view tag, const storage::Failure& failure, std::string_view user);

}  // namespace roost::imap
