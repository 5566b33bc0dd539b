// Minimal RFC 5322 message structure for serving mail: header/body split and line ends.
#pragma once

#include <string>
#include <string_view>

namespace roost::mail {

// Every bare LF becomes CRLF; existing CRLF stays; a lone CR stays as is.
std::string to_crlf(std::string_view text);
// Octets to_crlf(text) would produce, without building it.
size_t crlf_size(std::string_view text);

struct HeaderBody {
    std::string_view header;  // up to and including the empty line that ends the header
    std::string_view body;    // the rest
};
// Splits a CRLF message at the first empty line (RFC 5322 §2.1). With no empty line, all of it
// is the header and the body is empty.
HeaderBody split_header_body(std::string_view message);

}  // namespace roost::mail
