// POP3 responses as bytes: status lines, multi-line responses and the dot-stuffing encoder.
// Pure. Every line the server sends ends with CRLF (RFC 1939 §3).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace roost::pop3::proto {

// "+OK text\r\n" ("+OK\r\n" when text is empty).
std::string ok(std::string_view text);
// "-ERR text\r\n" ("-ERR\r\n" when text is empty).
std::string err(std::string_view text);
// RFC 5034 §4: a SASL challenge, "+ " then base64 (possibly empty).
std::string sasl_challenge(std::string_view raw_challenge);

// RFC 1939 §3: the line that ends a multi-line response.
inline constexpr std::string_view kTerminator = ".\r\n";

// A complete multi-line response: the status line, each of `lines` (dot-stuffed, CRLF
// added) and the terminator. For CAPA, LIST and UIDL listings.
std::string multi_line(std::string_view status_line_text, const std::vector<std::string>& lines);

// Streaming dot-stuffer for message bodies (RETR, TOP). RFC 1939 §3: each line of a
// multi-line response that starts with "." gets one more "."; the response ends with
// CRLF "." CRLF. Input is CRLF text fed in chunks of any size: a "." right after a chunk
// boundary is recognised because the encoder remembers whether the previous chunk ended a line.
class DotStuffer {
public:
    // Returns `chunk` with the stuffing applied.
    std::string encode(std::string_view chunk);
    // The end of the response: a CRLF first when the data did not end with one (so the
    // terminator starts a line of its own), then ".\r\n". Resets the encoder.
    std::string finish();

private:
    bool at_line_start_ = true;
};

// RFC 1939 §5 LIST / STAT / RETR "+OK n octets": the exact size of a message of `size`
// octets (CRLF line ends) as the multi-line response carries it, dot-stuffing aside. That is
// `size`, plus the CRLF DotStuffer::finish() adds when the message ends mid-line
// (`ends_with_newline` false: not empty and its last octet is not LF).
uint64_t message_octets(uint64_t size, bool ends_with_newline);
// The same for a message at hand.
uint64_t message_octets(std::string_view message);

}  // namespace roost::pop3::proto
