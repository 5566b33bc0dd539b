// Charset conversion to UTF-8 for searching (RFC 2046 §4.1.2 charset parameter, RFC 2047
// encoded words, RFC 3501 §6.4.4 SEARCH CHARSET). Uses glibc iconv; pure (no I/O).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace roost::mail {

// UTF-8 and US-ASCII (and their common aliases): text in them is taken as UTF-8 directly,
// so that 8-bit octets mislabelled "us-ascii" still read as UTF-8, as Dovecot reads them.
bool is_utf8_compatible(std::string_view charset);

// Whether `charset` can be converted (UTF-8 compatible, or known to iconv).
bool charset_known(std::string_view charset);

// `data` in `charset` as UTF-8, or nullopt when the charset is unknown. Octets invalid in the
// charset become U+FFFD (one per run of bad octets), so that the rest still matches.
std::optional<std::string> charset_to_utf8(std::string_view data, std::string_view charset);

// `data` with every invalid UTF-8 sequence replaced by U+FFFD (one per run).
std::string valid_utf8(std::string_view data);

}  // namespace roost::mail
