// IMAP flag names <-> storage flag bits and keywords (RFC 3501 §2.3.2).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace roost::imap {

// "(\Seen \Recent $Forwarded)": system flags in a fixed order, then \Recent, then keywords.
std::string flag_list(uint32_t flags, const std::vector<std::string>& keywords, bool recent);

// "* FLAGS (...)" and "* OK [PERMANENTFLAGS (...)] ..." for a mailbox whose messages use
// `keywords` (RFC 3501 §7.2.6, §7.1): sent at SELECT, and again when a keyword first appears
// so that clients (Thunderbird's tags) learn it. PERMANENTFLAGS is empty when read-only.
std::string flags_announcement(const std::vector<std::string>& keywords, bool read_only);

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
