#include "pop3/proto/line_reader.hpp"

namespace roost::pop3::proto {

void LineReader::feed(std::string_view bytes) {
    // Compact lazily so that feeding byte by byte stays linear.
    if (pos_ > 0 && pos_ >= buffer_.size() / 2) {
        buffer_.erase(0, pos_);
        pos_ = 0;
    }
    buffer_.append(bytes);
}

LineReader::Next LineReader::next() {
    while (true) {
        std::string_view rest(buffer_.data() + pos_, buffer_.size() - pos_);
        size_t lf = rest.find('\n');
        if (skipping_) {
            // Discard the rest of an over-long line, which was already reported.
            if (lf == std::string_view::npos) {
                buffer_.clear();
                pos_ = 0;
                return {Status::NeedMore, {}};
            }
            pos_ += lf + 1;
            skipping_ = false;
            continue;
        }
        if (lf == std::string_view::npos) {
            // A CR may still be waiting for its LF, so allow one extra octet before deciding.
            if (rest.size() > max_line_ + 1 || (rest.size() == max_line_ + 1 && rest.back() != '\r')) {
                buffer_.clear();
                pos_ = 0;
                skipping_ = true;
                return {Status::TooLong, {}};
            }
            return {Status::NeedMore, {}};
        }
        std::string_view line = rest.substr(0, lf);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.size() > max_line_) {
            pos_ += lf + 1;
            return {Status::TooLong, {}};
        }
        Next out{Status::Line, std::string(line)};
        pos_ += lf + 1;
        return out;
    }
}

void LineReader::clear() {
    buffer_.clear();
    pos_ = 0;
    skipping_ = false;
}

}  // namespace roost::pop3::proto
