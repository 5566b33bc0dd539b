// ENVELOPE, BODY and BODYSTRUCTURE (RFC 3501 §7.4.2) rendered from a message and its MIME part
// tree (mail/mime_part.hpp). Pure. The output matches Dovecot 2.3.19 byte for byte on the
// cases checked (see tests/unit/imap/proto/test_body_structure.cpp): header values are sent
// raw (no RFC 2047 decoding), types and parameter names as written, text/* parts without a
// charset get ("charset" "us-ascii") appended (RFC 2045 §5.2 default).
#pragma once

#include <string>
#include <string_view>

#include "mail/mime_part.hpp"

namespace roost::imap::proto {

// The parenthesised envelope of the message whose header is `header` (RFC 5322 fields).
std::string envelope(std::string_view header);

// BODY (extensible = false) or BODYSTRUCTURE (true) of `part` of `message`; `part` is the
// message's root (parse_mime) or the root of an encapsulated message.
std::string body_structure(std::string_view message, const mail::MimePart& part, bool extensible);

}  // namespace roost::imap::proto
