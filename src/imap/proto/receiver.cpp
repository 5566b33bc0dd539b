// Framing of IMAP commands: a command is a sequence of lines, each but the last ending in a
// literal announcement {n} or {n+} (RFC 3501 §4.3, RFC 7888) that is followed by n octets.
// Only when the last line is complete is the command tokenised (lexer.cpp), so the work per
// octet stays constant however the input is split.
#include "imap/proto/receiver.hpp"

#include "base/strings.hpp"
#include "imap/proto/lexer.hpp"

namespace roost::imap::proto {
namespace {

struct LiteralMarker {
    size_t start = 0;  // offset of '{' in the line
    uint64_t size = 0;
    bool synchronising = true;
    bool valid = true;  // false: looked like a literal but the number is malformed/overflows
};

// A line announcing a literal ends with "{digits}" or "{digits+}".
std::optional<LiteralMarker> find_literal_marker(std::string_view line) {
    if (line.empty() || line.back() != '}') return std::nullopt;
    size_t open = line.rfind('{');
    if (open == std::string_view::npos) return std::nullopt;
    std::string_view inner = line.substr(open + 1, line.size() - open - 2);
    LiteralMarker marker;
    marker.start = open;
    if (!inner.empty() && inner.back() == '+') {
        marker.synchronising = false;
        inner.remove_suffix(1);
    }
    auto size = parse_decimal(inner, 0xFFFFFFFFull);  // RFC 3501 §9: number is 32-bit
    if (!size) {
        marker.valid = false;
        return marker;
    }
    marker.size = *size;
    return marker;
}

}  // namespace

Receiver::Receiver(ReceiverLimits limits) : limits_(limits) {}

void Receiver::feed(std::string_view bytes) {
    if (mode_ == Mode::Closed) return;
    // Compact once the consumed prefix dominates, so the buffer does not grow without bound.
    if (pos_ > 0 && pos_ >= buf_.size() / 2) {
        buf_.erase(0, pos_);
        pos_ = 0;
    }
    buf_.append(bytes);
}

void Receiver::consume(size_t n) {
    pos_ += n;
    scanned_ = 0;
    if (pos_ == buf_.size()) {
        buf_.clear();
        pos_ = 0;
    }
}

void Receiver::reset_command() {
    segments_.clear();
    literals_.clear();
    text_total_ = 0;
    literal_total_ = 0;
}

std::string Receiver::current_tag(std::string_view fallback) const {
    std::string_view first = segments_.empty() ? fallback : std::string_view(segments_.front());
    return extract_tag(first);
}

ParseError Receiver::fail_command(std::string text) {
    ParseError error{current_tag(available()), std::move(text)};
    reset_command();
    return error;
}

// RFC 7888 §4: a refused {n+} literal leaves the peer's octets in flight with no way to find
// their end (a bad size cannot be counted; even a counted skip would trust a client we just
// refused), so the stream is abandoned rather than resynchronised at a later line end.
ParseError Receiver::fail_connection(std::string tag, std::string text) {
    reset_command();
    buf_.clear();
    pos_ = 0;
    scanned_ = 0;
    literal_remaining_ = 0;
    skip_tag_.clear();
    skip_tail_.clear();
    mode_ = Mode::Closed;
    return ParseError{std::move(tag), std::move(text), true};
}

size_t Receiver::buffered() const {
    size_t total = buf_.size() - pos_;
    for (const auto& s : segments_) total += s.size();
    for (const auto& l : literals_) total += l.size();
    return total;
}

void Receiver::discard_buffered() {
    if (mode_ == Mode::Closed) return;
    buf_.clear();
    pos_ = 0;
    scanned_ = 0;
    mode_ = Mode::Line;
    literal_remaining_ = 0;
    skip_tag_.clear();
    skip_tail_.clear();
    reset_command();
}

void Receiver::reject_literal() {
    if (mode_ != Mode::Literal) return;
    if (!literal_sync_) {
        (void)fail_connection("", "");  // RFC 7888 §4: the octets are on their way
        return;
    }
    // The client waits for "+" and sends no octets: the next line is a new command.
    reset_command();
    mode_ = Mode::Line;
    literal_remaining_ = 0;
}

void Receiver::begin_skip_command_line() {
    skip_tag_ = current_tag(available());
    skip_tail_.clear();
    reset_command();
    mode_ = Mode::SkipCommandLine;
}

// Skips the rest of an over-long command line, then reports it. Only at its end is it known
// whether the line announced a {n+} literal, whose octets would otherwise be read as commands.
Event Receiver::skip_command_line(std::string_view avail) {
    size_t lf = avail.find('\n');
    std::string_view skipped = avail.substr(0, lf == std::string_view::npos ? avail.size() : lf);
    // "+}" and a CR are all the end of the line that matters.
    skip_tail_.append(skipped.substr(skipped.size() - std::min<size_t>(skipped.size(), 3)));
    if (skip_tail_.size() > 3) skip_tail_.erase(0, skip_tail_.size() - 3);
    if (lf == std::string_view::npos) {
        consume(avail.size());
        return NeedMore{};
    }
    consume(lf + 1);
    std::string_view tail = skip_tail_;
    if (!tail.empty() && tail.back() == '\r') tail.remove_suffix(1);
    // Any line ending in "+}" counts, even if its number would not parse: refusing too much
    // only costs a reconnect, refusing too little lets literal data run as commands.
    bool announces_nonsync = tail.size() >= 2 && tail.substr(tail.size() - 2) == "+}";
    std::string tag = std::move(skip_tag_);
    skip_tag_.clear();
    skip_tail_.clear();
    mode_ = Mode::Line;
    if (announces_nonsync) return fail_connection(std::move(tag), "Command line too long");
    return ParseError{std::move(tag), "Command line too long"};
}

Event Receiver::next() {
    for (;;) {
        std::string_view avail = available();
        switch (mode_) {
            case Mode::Literal: {
                size_t take = static_cast<size_t>(std::min<uint64_t>(literal_remaining_, avail.size()));
                literals_.back().append(avail.substr(0, take));
                literal_remaining_ -= take;
                consume(take);
                if (literal_remaining_ > 0) return NeedMore{};
                mode_ = Mode::Line;
                continue;
            }
            case Mode::SkipCommandLine: return skip_command_line(avail);
            case Mode::Closed: return NeedMore{};
            case Mode::SkipLine: {
                size_t lf = avail.find('\n');
                if (lf == std::string_view::npos) {
                    consume(avail.size());
                    return NeedMore{};
                }
                consume(lf + 1);
                mode_ = Mode::Line;
                continue;
            }
            case Mode::Line: break;
        }

        size_t lf = avail.find('\n', scanned_);
        if (lf == std::string_view::npos) {
            scanned_ = avail.size();
            // +1: a line of exactly max_line octets may be waiting for the LF after its CR.
            if (text_total_ + avail.size() > limits_.max_line + 1) {
                begin_skip_command_line();
                continue;
            }
            return NeedMore{};
        }
        std::string_view line = avail.substr(0, lf);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (text_total_ + line.size() > limits_.max_line) {
            begin_skip_command_line();
            continue;
        }
        Event event = finish_line(line);
        if (mode_ == Mode::Closed) return event;  // the buffer is gone with the rest of the input
        consume(lf + 1);
        if (std::holds_alternative<NeedMore>(event)) continue;  // empty line: ignored
        return event;
    }
}

// Handles one complete line of the command being received (the line is still in buf_).
Event Receiver::finish_line(std::string_view line) {
    std::optional<LiteralMarker> marker = find_literal_marker(line);
    // RFC 3501 §9: tag = 1*<any ASTRING-CHAR except "+">. Checked before a literal is
    // accepted: "o{3}" must not get "+ Ready" and swallow the client's next octets.
    if (marker && segments_.empty() && extract_tag(line).empty()) {
        if (!marker->synchronising) return fail_connection("", "Invalid tag");
        return ParseError{"", "Invalid tag"};
    }
    segments_.emplace_back(line);
    if (marker && !marker->valid) {
        if (!marker->synchronising) return fail_connection(current_tag(""), "Invalid literal size");
        return fail_command("Invalid literal size");
    }
    text_total_ += line.size();
    if (marker) {
        if (literal_total_ + marker->size > limits_.max_literal) {
            if (!marker->synchronising) return fail_connection(current_tag(""), "Literal too large");
            return fail_command("Literal too large");
        }
        literal_total_ += marker->size;
        literals_.emplace_back();
        literals_.back().reserve(static_cast<size_t>(std::min<uint64_t>(marker->size, 1u << 20)));
        literal_remaining_ = marker->size;
        literal_sync_ = marker->synchronising;
        mode_ = Mode::Literal;
        return NeedLiteral{marker->size, marker->synchronising};
    }
    if (segments_.size() == 1 && segments_.front().empty()) {
        reset_command();
        return NeedMore{};
    }
    auto result = lex_command(segments_, literals_);
    reset_command();
    if (auto* error = std::get_if<ParseError>(&result)) return std::move(*error);
    return std::get<Request>(std::move(result));
}

LineEvent Receiver::next_line() {
    if (mode_ == Mode::Closed) return NeedMore{};
    if (mode_ == Mode::SkipLine) {
        size_t skip = available().find('\n');
        if (skip == std::string_view::npos) {
            consume(available().size());
            return NeedMore{};
        }
        consume(skip + 1);
        mode_ = Mode::Line;
    }
    if (mode_ != Mode::Line || !segments_.empty()) return ParseError{"", "No line expected now"};
    std::string_view avail = available();
    size_t lf = avail.find('\n', scanned_);
    if (lf == std::string_view::npos) {
        scanned_ = avail.size();
        if (avail.size() > limits_.max_line + 1) {
            consume(avail.size());
            mode_ = Mode::SkipLine;
            return ParseError{"", "Line too long"};
        }
        return NeedMore{};
    }
    std::string line(avail.substr(0, lf));
    consume(lf + 1);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() > limits_.max_line) return ParseError{"", "Line too long"};
    return line;
}

}  // namespace roost::imap::proto
