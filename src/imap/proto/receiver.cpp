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

size_t Receiver::buffered() const {
    size_t total = buf_.size() - pos_;
    for (const auto& s : segments_) total += s.size();
    for (const auto& l : literals_) total += l.size();
    return total;
}

void Receiver::discard_buffered() {
    buf_.clear();
    pos_ = 0;
    scanned_ = 0;
    mode_ = Mode::Line;
    literal_remaining_ = 0;
    reset_command();
}

void Receiver::reject_literal() {
    if (mode_ != Mode::Literal) return;
    reset_command();
    if (literal_sync_) {
        // The client waits for "+" and sends no octets: the next line is a new command.
        mode_ = Mode::Line;
        literal_remaining_ = 0;
    } else {
        mode_ = Mode::SkipLiteral;  // RFC 7888 §4: the octets are on their way; skip them
    }
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
            case Mode::SkipLiteral: {
                size_t take = static_cast<size_t>(std::min<uint64_t>(literal_remaining_, avail.size()));
                literal_remaining_ -= take;
                consume(take);
                if (literal_remaining_ > 0) return NeedMore{};
                mode_ = Mode::SkipLine;
                continue;
            }
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
                ParseError error = fail_command("Command line too long");
                consume(avail.size());
                mode_ = Mode::SkipLine;
                return error;
            }
            return NeedMore{};
        }
        std::string_view line = avail.substr(0, lf);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (text_total_ + line.size() > limits_.max_line) {
            ParseError error = fail_command("Command line too long");
            consume(lf + 1);
            return error;
        }
        Event event = finish_line(line);
        consume(lf + 1);
        if (std::holds_alternative<NeedMore>(event)) continue;  // empty line: ignored
        return event;
    }
}

// Handles one complete line of the command being received (the line is still in buf_).
Event Receiver::finish_line(std::string_view line) {
    std::optional<LiteralMarker> marker = find_literal_marker(line);
    if (marker && !marker->valid) {
        segments_.emplace_back(line);
        return fail_command("Invalid literal size");
    }
    segments_.emplace_back(line);
    text_total_ += line.size();
    if (marker) {
        if (literal_total_ + marker->size > limits_.max_literal) {
            ParseError error = fail_command("Literal too large");
            if (!marker->synchronising) {
                mode_ = Mode::SkipLiteral;
                literal_remaining_ = marker->size;
            }
            return error;
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
