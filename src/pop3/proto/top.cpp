#include "pop3/proto/top.hpp"

#include "mail/message.hpp"

namespace roost::pop3::proto {

std::string_view top_prefix(std::string_view message, uint64_t body_lines) {
    mail::HeaderBody parts = mail::split_header_body(message);
    std::string_view body = parts.body;
    size_t end = 0;
    for (uint64_t i = 0; i < body_lines && end < body.size(); ++i) {
        size_t crlf = body.find("\r\n", end);
        end = crlf == std::string_view::npos ? body.size() : crlf + 2;
    }
    return message.substr(0, parts.header.size() + end);
}

}  // namespace roost::pop3::proto
