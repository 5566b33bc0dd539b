// RFC 3501 §5.1.3 modified UTF-7 for mailbox names: what IMAP clients send, and what
// Maildir++ folder directories are named on disk (as Dovecot names them).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace roost::mail {

std::string utf8_to_mutf7(std::string_view utf8);
// nullopt when `mutf7` is not valid modified UTF-7 (bad base64, unpaired surrogate,
// an encoded printable ASCII character, a non-terminated shift ...).
std::optional<std::string> mutf7_to_utf8(std::string_view mutf7);

}  // namespace roost::mail
