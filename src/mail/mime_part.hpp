// The MIME part tree of a CRLF message (RFC 2045, RFC 2046), with the byte offsets of every
// part's header and body in the message. Pure: parse_mime() reads a string and returns values.
//
// Shape of the tree (the same as IMAP part numbering, RFC 3501 §6.4.5):
//  - the root is the message itself: its header is the RFC 5322 header, its body the rest;
//  - a multipart part has one child per body part, in order (preamble and epilogue belong to
//    no child; they are in the multipart's body only);
//  - a message/rfc822 part has exactly one child, the encapsulated message, whose header starts
//    where the part's body starts and which has children of its own when it is multipart;
//  - any other part is a leaf.
//
// Malformed input is read the way Dovecot 2.3 reads it: a boundary matches any line that
// starts with "--" and the boundary (a longer line too); a line that matches the boundary of an
// enclosing multipart ends the inner parts (a missing end boundary); the CRLF before a boundary
// line belongs to the boundary; a part's header may end at a boundary line; nesting deeper than
// kMaxMimeDepth, or more than kMaxMimeParts parts, leaves the rest unparsed (leaf bodies).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "mail/mime_fields.hpp"

namespace roost::mail {

constexpr int kMaxMimeDepth = 100;
constexpr size_t kMaxMimeParts = 10000;

struct MimePart {
    enum class Kind { Leaf, Multipart, Message };
    Kind kind = Kind::Leaf;

    // Offsets into the parsed message. The header includes its ending empty line when it has
    // one; body_offset == header_offset + header_size.
    size_t header_offset = 0;
    size_t header_size = 0;
    size_t body_offset = 0;
    size_t body_size = 0;
    size_t body_lines = 0;  // LF octets in the body (the BODYSTRUCTURE line count)

    // Type and subtype as written, or the defaults when there is no usable Content-Type:
    // text/plain, or message/rfc822 for a part of multipart/digest (RFC 2046 §5.1.5).
    std::string type;
    std::string subtype;
    bool has_content_type = false;  // a Content-Type field was present
    MimeFields fields;              // every Content-* field as parsed

    std::vector<MimePart> children;

    bool is_multipart() const { return kind == Kind::Multipart; }
    bool is_message() const { return kind == Kind::Message; }
    // Content-Type parameters (empty when the field is absent).
    const std::vector<MimeParam>& params() const;
    // The charset parameter, if any (RFC 2231 form decoded).
    std::optional<std::string> charset() const;
    // Content-Transfer-Encoding as written, "7bit" when absent (RFC 2045 §6.1).
    std::string transfer_encoding() const;

    std::string_view header(std::string_view message) const { return message.substr(header_offset, header_size); }
    std::string_view body(std::string_view message) const { return message.substr(body_offset, body_size); }
};

// `message` has CRLF line ends (see mail/message.hpp to_crlf).
MimePart parse_mime(std::string_view message);

}  // namespace roost::mail
