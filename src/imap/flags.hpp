// IMAP flag names <-> storage flag bits and keywords (RFC 3501 §2.3.2).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace roost::imap {

// The five system flags a client may set, as sent in FLAGS and PERMANENTFLAGS.
extern const char* const kSystemFlagList;  // "(\Answered \Flagged \Deleted \Seen \Draft)"

// "(\Seen \Recent $Forwarded)": system flags in a fixed order, then \Recent, then keywords.
std::string flag_list(uint32_t flags, const std::vector<std::string>& keywords, bool recent);

struct FlagSet {
    uint32_t flags = 0;                 // storage::Flag bits
    std::vector<std::string> keywords;  // without duplicates (compared case-insensitively)
};
// Names as returned by proto::parse_flag (canonical system flags or keywords).
FlagSet to_flag_set(const std::vector<std::string>& names);

// STORE arithmetic: adds or removes `change` (keywords compared case-insensitively).
FlagSet add_flags(const FlagSet& current, const FlagSet& change);
FlagSet remove_flags(const FlagSet& current, const FlagSet& change);
bool same_flags(const FlagSet& a, const FlagSet& b);

}  // namespace roost::imap
