// Tokenises one complete IMAP command (framed by the receiver) into tag, name and tokens.
// Pure.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "imap/proto/receiver.hpp"
#include "imap/proto/token.hpp"

namespace roost::imap::proto {

// The tag at the start of `line` if it is a valid RFC 3501 tag (1*<ASTRING-CHAR except "+">)
// followed by a space or the end; otherwise empty.
std::string extract_tag(std::string_view line);

// `segments[i]` ends with the literal announcement whose octets are `literals[i]`; the last
// segment has no literal. Errors carry the tag when it was valid.
std::variant<Request, ParseError> lex_command(const std::vector<std::string>& segments,
                                              const std::vector<std::string>& literals);

}  // namespace roost::imap::proto
