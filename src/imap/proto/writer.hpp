// Server output syntax (RFC 3501 §4, §7): how strings are quoted or sent as literals, and
// how response lines end. Handlers never write quotes, braces or CRLF themselves. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace roost::imap::proto {

// RFC 3501 §4.3: a string is sent quoted when that is safe (7-bit, no CR/LF/NUL, not long, at
// most four '"' or '\' to escape), with '"' and '\' escaped, and as a literal otherwise.
void append_string(std::string& out, std::string_view text);
// An astring: a bare atom when every character may appear in one (and it is not NIL),
// otherwise as append_string.
void append_astring(std::string& out, std::string_view text);
// NIL for nullopt, else append_string.
void append_nstring(std::string& out, const std::optional<std::string_view>& text);
// A header text shown to people (ENVELOPE subject and display names): CR and LF removed, tabs
// and runs of spaces made one space, no space at either end. Dovecot sends the result as a
// literal whenever it changed the text or it holds '"', '\\' or 8-bit octets; clients that
// cache ENVELOPE byte for byte see the same answer from Roost.
void append_human_string(std::string& out, std::string_view text);
// Always "{n}" CRLF octets: message data may hold anything (RFC 3501 §4.3).
void append_literal(std::string& out, std::string_view octets);
// "(" a b c ")" with each item written as given (flags, attribute names).
void append_list(std::string& out, const std::vector<std::string>& items);

// "* " text CRLF
std::string untagged(std::string_view text);
// tag SP status [SP "[" code "]"] SP text CRLF; status is "OK", "NO" or "BAD".
std::string tagged(std::string_view tag, std::string_view status, std::string_view code, std::string_view text);
// "+ " text CRLF (continuation request)
std::string continuation(std::string_view text);

// True when `text` can go out as a quoted string.
bool quotable(std::string_view text);

}  // namespace roost::imap::proto
