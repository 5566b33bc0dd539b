// Bytes from the connection -> complete lines. Pure and incremental: the same input gives the
// same sequence of results whether it is fed whole, byte by byte or split anywhere.
//
// A line ends at LF; one CR before the LF is dropped too (RFC 1939 §3 requires CRLF, but
// telnet-style clients and some scripts send bare LF, which Dovecot accepts as well).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace roost::pop3::proto {

class LineReader {
public:
    // `max_line`: longest line accepted, in octets without the line end.
    explicit LineReader(size_t max_line) : max_line_(max_line) {}

    // Appends bytes from the peer.
    void feed(std::string_view bytes);

    enum class Status {
        Line,      // `line` holds the next line, without its line end
        NeedMore,  // no complete line buffered
        TooLong,   // a line exceeded max_line; its bytes up to its LF are being skipped
    };
    struct Next {
        Status status;
        std::string line;
    };
    // Takes the next result. TooLong is reported once per over-long line, as soon as it is
    // known (possibly before its LF arrives); the lines after it are read normally.
    Next next();

    // Drops everything buffered (RFC 2595 §4: after STLS, input received before the TLS
    // handshake must not be taken as commands).
    void clear();

    // Octets buffered and not yet returned (for tests and limits).
    size_t buffered() const { return buffer_.size() - pos_; }

private:
    size_t max_line_;
    std::string buffer_;
    size_t pos_ = 0;         // start of the unread part of buffer_
    bool skipping_ = false;  // inside an over-long line already reported
};

}  // namespace roost::pop3::proto
