// Line-end conversion and the header/body split. Maildir files may use LF or CRLF; IMAP
// (RFC 3501 §2.3.4, RFC822.SIZE) and POP3 (RFC 1939 §3) count and send CRLF.
#include "mail/message.hpp"

namespace roost::mail {

std::string to_crlf(std::string_view text) {
    std::string out;
    out.reserve(crlf_size(text));
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
        out += text[i];
    }
    return out;
}

size_t crlf_size(std::string_view text) {
    size_t size = text.size();
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) ++size;
    }
    return size;
}

HeaderBody split_header_body(std::string_view message) {
    // The header ends at the first empty line: either the message starts with CRLF, or a
    // CRLF is followed directly by another CRLF.
    if (message.substr(0, 2) == "\r\n") return {message.substr(0, 2), message.substr(2)};
    size_t pos = message.find("\r\n\r\n");
    if (pos == std::string_view::npos) return {message, std::string_view()};
    return {message.substr(0, pos + 4), message.substr(pos + 4)};
}

}  // namespace roost::mail
