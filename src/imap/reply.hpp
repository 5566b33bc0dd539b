// Storage failures -> tagged NO responses with RFC 5530 response codes, in one place.
#pragma once

#include <string>
#include <string_view>

#include "base/result.hpp"
#include "storage/mail_store.hpp"

namespace roost::imap {

// "tag NO [CODE] text" CRLF. Io failures are logged (with `user` and the storage message)
// and answered with Dovecot's generic internal-error text, never the details.
std::string failure_reply(std::string_view tag, const storage::Failure& failure, std::string_view user);

// The reply to a mailbox argument that parse_mailbox refused: NO for a name that is not
// modified UTF-7 (as Dovecot answers), BAD for a syntax error.
std::string mailbox_argument_reply(std::string_view tag, std::string_view command, const Error& error);

// A mailbox name inside response text ("Mailbox doesn't exist: NAME"): modified UTF-7, since
// response text is 7-bit (RFC 3501 §9 TEXT-CHAR). Dovecot puts UTF-8 there.
std::string mailbox_for_text(const std::string& name);

}  // namespace roost::imap
