// RFC 5322 §3.4 address lists as IMAP's ENVELOPE needs them (RFC 3501 §7.4.2): each mailbox
// as (name, route, mailbox, host), groups as a start marker (host absent, mailbox = group name)
// and an end marker (all absent). Broken addresses are repaired the way Dovecot 2.3 does it:
// a missing local part becomes "MISSING_MAILBOX", a missing domain "MISSING_DOMAIN". Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace roost::mail {

struct Address {
    std::optional<std::string> name;     // display name (or the trailing comment), unfolded
    std::optional<std::string> route;    // obsolete source route "@a,@b" (RFC 5322 §4.4)
    std::optional<std::string> mailbox;  // local part, group name for a group start
    std::optional<std::string> host;     // domain; absent for group markers

    bool is_group_start() const { return mailbox && !host; }
    bool is_group_end() const { return !mailbox && !host; }
};

// The addresses in a From/To/Cc/... field value (raw, folding allowed). An empty or
// unparsable value gives an empty list.
std::vector<Address> parse_address_list(std::string_view value);

}  // namespace roost::mail
