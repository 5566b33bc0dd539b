// LIST/LSUB pattern matching (RFC 3501 §6.3.8): "*" matches anything, "%" anything but the
// hierarchy separator. Pure.
#pragma once

#include <string>
#include <string_view>

namespace roost::imap::proto {

bool list_pattern_matches(std::string_view pattern, std::string_view name, char separator);

// reference + pattern as one pattern, with a leading "INBOX" (any case) spelled "INBOX" so
// that it matches the INBOX name (RFC 3501 §5.1: INBOX is case-insensitive).
std::string canonical_list_pattern(std::string_view reference, std::string_view pattern, char separator);

}  // namespace roost::imap::proto
