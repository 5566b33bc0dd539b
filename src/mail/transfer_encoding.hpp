// Content-Transfer-Encoding decoders (RFC 2045 §6.7 quoted-printable, §6.8 base64) for
// searching text as it reads, not as it travels. Both are lenient the way a reader must be
// with real mail: they never fail, and whatever cannot be decoded is dropped or kept as is
// (see each function). Pure.
#pragma once

#include <string>
#include <string_view>

namespace roost::mail {

// RFC 2045 §6.8: characters outside the base64 alphabet (line breaks, spaces, junk) are
// ignored, and decoding stops at the first "=" (padding); a trailing group of a single
// sextet carries no whole octet and is dropped.
std::string decode_base64(std::string_view text);

// RFC 2045 §6.7: "=XX" (hex, either case) is an octet; "=" at the end of a line is a soft
// line break; whitespace before a line end is transport padding and removed (rule 3). A "="
// not followed by two hex digits is kept literally (the robustness advice of §6.7 note 1).
// Line ends may be CRLF or LF; hard line breaks come out as CRLF.
std::string decode_quoted_printable(std::string_view text);

// RFC 2047 §4.2 "Q" encoding: quoted-printable for header words, where "_" is a space and
// there are no line breaks.
std::string decode_q_encoding(std::string_view text);

}  // namespace roost::mail
