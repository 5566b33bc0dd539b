// RFC 5322 §2.2 header fields of a CRLF message or MIME part: names, raw values, unfolding.
// Pure; every view points into the header text given to parse_header().
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace roost::mail {

struct HeaderField {
    std::string_view name;   // as written, without the whitespace some writers put before ':'
    std::string_view value;  // raw: after ':' and its leading whitespace, up to (not including)
                             // the last CRLF; folds (CRLF before SP/HT) are kept
    size_t offset = 0;       // first octet of the field in the header
    size_t size = 0;         // the field's octets, continuation lines and final CRLF included
};

// The fields of `header` (up to its empty line, if any). A line that is neither a field nor a
// continuation (no ':') becomes a field whose name is the whole line and whose value is empty:
// Dovecot keeps such lines in HEADER.FIELDS.NOT.
std::vector<HeaderField> parse_header(std::string_view header);

// RFC 5322 §2.2.3: removes every CRLF (folding never adds other octets). Lone CR or LF go too.
std::string unfold(std::string_view value);

// The first field named `name` (case-insensitive), if any.
const HeaderField* find_field(const std::vector<HeaderField>& fields, std::string_view name);

// Length of the header of a CRLF message or part: up to and including the empty line that
// ends it, or all of `text` when there is none.
size_t header_length(std::string_view text);

}  // namespace roost::mail
