// The MIME header fields of one part (RFC 2045 §5-§8, RFC 2183, RFC 3066 via RFC 3282,
// RFC 2557, RFC 1864) parsed into values, kept as written: IMAP's BODYSTRUCTURE echoes the
// sender's spelling of types, subtypes and parameter names (Dovecot does too). Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mail/header.hpp"

namespace roost::mail {

// One parameter as IMAP shows it. RFC 2231 continuations (name*0, name*1*...) are joined into
// one parameter; when any piece is extended (`*` after the number, or a plain `name*`), the
// name ends in '*' and the value keeps its charset'language' prefix and %XX escapes, which is
// what Dovecot sends (see decoded_param for the octets).
struct MimeParam {
    std::string name;
    std::string value;
};

// "attribute=value" pairs after the first ';' of a Content-Type or Content-Disposition value.
// Plain parameters come first in their order, then the RFC 2231 ones sorted by name. A
// parameter without '=', or with an unterminated quoted value, is dropped.
std::vector<MimeParam> parse_params(std::string_view text);

// The value of parameter `name` (case-insensitive): a plain one as is; an RFC 2231 extended
// one with its charset'language' prefix removed and %XX decoded (octets in that charset,
// reported through `charset` when given).
std::optional<std::string> decoded_param(const std::vector<MimeParam>& params, std::string_view name,
                                         std::string* charset = nullptr);

struct ContentType {
    // Both as written. A lone type ("text") gives an empty subtype; a value that does not start
    // with "token/" otherwise ("text; charset=x", "/plain") gives both empty and no parameters
    // (Dovecot's reading of broken fields).
    std::string type;
    std::string subtype;
    std::vector<MimeParam> params;
};
ContentType parse_content_type(std::string_view value);

struct ContentDisposition {
    std::string type;  // "inline", "attachment"... as written
    std::vector<MimeParam> params;
};
ContentDisposition parse_content_disposition(std::string_view value);

// The Content-* fields of one part; a field that is absent is nullopt.
struct MimeFields {
    std::optional<ContentType> content_type;
    std::optional<std::string> transfer_encoding;  // the token as written
    std::optional<std::string> id;
    std::optional<std::string> description;
    std::optional<std::string> md5;
    std::optional<std::string> location;
    std::optional<ContentDisposition> disposition;
    std::vector<std::string> language;  // Content-Language tags, empty when absent
};
MimeFields parse_mime_fields(const std::vector<HeaderField>& fields);

}  // namespace roost::mail
