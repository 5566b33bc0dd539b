// The octets a BODY[section] or RFC822.* fetch returns from a whole message. Pure.
#pragma once

#include <string>
#include <string_view>

#include "imap/proto/args.hpp"
#include "mail/mime_part.hpp"

namespace roost::imap::proto {

// The part a section path names (RFC 3501 §6.4.5), or nullptr when there is none. In a
// multipart, n is its n-th body part; a non-multipart part (the message itself included) has
// only part 1, itself; after a message/rfc822 part, further numbers go into the encapsulated
// message.
const mail::MimePart* find_section_part(const mail::MimePart& root, const std::vector<uint32_t>& path);

// `message` has CRLF line ends and `root` is parse_mime(message). HEADER includes the empty
// line that ends the header; HEADER.FIELDS(.NOT) returns the selected fields (with their
// continuation lines) followed by an empty line. HEADER, HEADER.FIELDS(.NOT) and TEXT after a
// path apply to a message/rfc822 part's encapsulated message and are empty for other parts;
// MIME is the part's own header. A path to no part gives empty data (as Dovecot answers).
std::string section_data(std::string_view message, const mail::MimePart& root, const Section& section);
// The same, parsing the MIME structure only when the section has a part path.
std::string section_data(std::string_view message, const Section& section);

// RFC 3501 §6.4.5 partial: `count` octets from `origin`; empty when origin is past the end.
std::string_view partial_data(std::string_view data, uint32_t origin, uint32_t count);

}  // namespace roost::imap::proto
