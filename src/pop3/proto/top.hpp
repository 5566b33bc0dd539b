// What TOP sends of a message (RFC 1939 §7): "the headers of the message, the blank line
// separating the headers from the body, and then the number of lines of the indicated
// message's body". Pure.
#pragma once

#include <cstdint>
#include <string_view>

namespace roost::pop3::proto {

// The prefix of `message` (CRLF line ends) that TOP with `body_lines` sends, before
// dot-stuffing. A message without an empty line is all header and is returned whole. A last
// body line without CRLF counts as a line.
std::string_view top_prefix(std::string_view message, uint64_t body_lines);

}  // namespace roost::pop3::proto
