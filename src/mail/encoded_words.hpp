// RFC 2047 encoded words in header values ("=?charset?B?...?=", "=?charset?Q?...?="), decoded
// to UTF-8 for searching. Pure.
#pragma once

#include <string>
#include <string_view>

namespace roost::mail {

// `value` (unfolded) as UTF-8 text:
//  - each well-formed encoded word is decoded and converted from its charset (RFC 2231 §5
//    "*language" suffix ignored); an unknown charset keeps the decoded octets as UTF-8;
//  - whitespace between two adjacent encoded words is dropped (RFC 2047 §6.2);
//  - encoded words are recognised even without whitespace around them, as real mail (and
//    Dovecot) need; a malformed one stays as written;
//  - raw 8-bit octets are taken as UTF-8 (RFC 6532), invalid sequences becoming U+FFFD.
std::string decode_encoded_words(std::string_view value);

}  // namespace roost::mail
