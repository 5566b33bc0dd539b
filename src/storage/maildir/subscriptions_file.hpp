// The "subscriptions" file in the Maildir root, in the format Dovecot 2.3 writes, so that a
// user moved from Dovecot keeps their subscriptions (and could move back):
//
//   V<TAB>2<LF>
//   <LF>
//   INBOX<LF>
//   Archive<TAB>2024<LF>          one mailbox per line, its levels separated by TAB,
//   &AOk-t&AOk-<LF>               each level as on disk (RFC 3501 §5.1.3 modified UTF-7)
//
// Inside a level, 0x01 escapes a byte that would break the format (0x01 '1' = 0x01,
// 0x01 't' = TAB, 0x01 'n' = LF, 0x01 'r' = CR, 0x01 '0' = NUL); Roost never writes one,
// since valid names hold no control characters. The older format without the "V" line (one
// name per line, '.' between levels) is read too. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace roost::storage::maildir {

inline constexpr const char* kSubscriptionsFileName = "subscriptions";

// Canonical UTF-8 names in file order, without duplicates; lines that do not name a valid
// mailbox are skipped.
std::vector<std::string> parse_subscriptions(std::string_view content);
std::string format_subscriptions(const std::vector<std::string>& names);

}  // namespace roost::storage::maildir
