// The octets a BODY[section] or RFC822.* fetch returns from a whole message. Pure.
#pragma once

#include <string>
#include <string_view>

#include "imap/proto/args.hpp"

namespace roost::imap::proto {

// `message` has CRLF line ends. HEADER includes the empty line that ends the header;
// HEADER.FIELDS(.NOT) returns the selected fields (with their continuation lines) followed
// by an empty line (RFC 3501 §6.4.5).
std::string section_data(std::string_view message, const Section& section);

// RFC 3501 §6.4.5 partial: `count` octets from `origin`; empty when origin is past the end.
std::string_view partial_data(std::string_view data, uint32_t origin, uint32_t count);

}  // namespace roost::imap::proto
