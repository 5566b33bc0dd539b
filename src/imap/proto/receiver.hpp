// The IMAP command receiver: bytes in, whole commands out. It frames lines and literals
// (RFC 3501 §4.3, RFC 7888 LITERAL+), enforces size limits and recovers from bad input at the
// next line end, except after a refused non-synchronising literal, where it stops (see
// ParseError::close_connection). It never writes: when a synchronising literal is announced it returns
// NeedLiteral and the session decides whether to send "+ Ready" or refuse.
//
// Pure and single-threaded (used on the loop thread by one session).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "imap/proto/token.hpp"

namespace roost::imap::proto {

struct NeedMore {};
// A literal {size} (synchronising: the client waits for "+") or {size+} was announced and is
// within the limits. The receiver now expects `size` octets; the session may still refuse
// with reject_literal().
struct NeedLiteral {
    uint64_t size = 0;
    bool synchronising = true;
    bool operator==(const NeedLiteral&) const = default;
};
// Bad input, already skipped. `tag` is empty when no valid tag could be read (answer "* BAD").
// `close_connection`: a non-synchronising literal {n+} was refused (bad size, over the limit,
// invalid tag, over-long line). RFC 7888 §4: its octets are already on their way and the
// server cannot know where they end, so nothing after it may be interpreted as commands; the
// receiver has stopped (closed() is true) and the session must say BYE and disconnect.
struct ParseError {
    std::string tag;
    std::string text;
    bool close_connection = false;
    bool operator==(const ParseError&) const = default;
};

using Event = std::variant<Request, NeedMore, NeedLiteral, ParseError>;
// One raw line (AUTHENTICATE continuation responses, RFC 3501 §6.2.2), without its CRLF.
using LineEvent = std::variant<std::string, NeedMore, ParseError>;

struct ReceiverLimits {
    size_t max_line = 64 * 1024;         // command text outside literals
    uint64_t max_literal = 64ull << 20;  // sum of the literal octets of one command
};

class Receiver {
public:
    explicit Receiver(ReceiverLimits limits = {});

    // Appends bytes from the peer.
    void feed(std::string_view bytes);
    // The next event from the buffered bytes. Call until NeedMore.
    Event next();
    // The next raw line, for SASL exchanges; only valid between commands.
    LineEvent next_line();

    // After NeedLiteral: drops the command being received. For a synchronising literal the
    // client sends nothing more (it waits for "+") and the next line is a new command. For a
    // non-synchronising one the receiver stops for good (closed()): the session must close
    // the connection (RFC 7888 §4), since the octets sent cannot be told from commands.
    void reject_literal();
    // True once the input can no longer be framed safely: next() and next_line() return
    // NeedMore forever and fed bytes are dropped.
    bool closed() const { return mode_ == Mode::Closed; }
    // Forgets everything buffered and any partial command (STARTTLS, RFC 3501 §6.2.1).
    void discard_buffered();
    // Octets held (buffered input plus the partial command).
    size_t buffered() const;
    // The tag of the command being received (after NeedLiteral), empty if not valid.
    std::string pending_tag() const { return current_tag(""); }

private:
    // SkipLine: the rest of a raw (SASL) line. SkipCommandLine: the rest of an over-long
    // command line, whose end decides whether a {n+} literal follows (skip_tail_).
    // Closed: a refused non-synchronising literal; nothing more is framed.
    enum class Mode { Line, Literal, SkipLine, SkipCommandLine, Closed };

    std::string_view available() const { return std::string_view(buf_).substr(pos_); }
    void consume(size_t n);
    void reset_command();
    ParseError fail_command(std::string text);
    ParseError fail_connection(std::string tag, std::string text);
    void begin_skip_command_line();
    Event skip_command_line(std::string_view avail);
    std::string current_tag(std::string_view fallback) const;
    Event finish_line(std::string_view line);

    ReceiverLimits limits_;
    std::string buf_;
    size_t pos_ = 0;
    size_t scanned_ = 0;  // octets of available() already searched for LF
    Mode mode_ = Mode::Line;
    uint64_t literal_remaining_ = 0;
    bool literal_sync_ = false;
    // The command being received: text segments, each followed by one literal except the last.
    std::vector<std::string> segments_;
    std::vector<std::string> literals_;
    size_t text_total_ = 0;
    uint64_t literal_total_ = 0;
    // SkipCommandLine: the tag of the over-long command and the last octets skipped.
    std::string skip_tag_;
    std::string skip_tail_;
};

}  // namespace roost::imap::proto
