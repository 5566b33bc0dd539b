#include "mail/mime_part.hpp"

#include <algorithm>

#include "base/strings.hpp"

namespace roost::mail {

const std::vector<MimeParam>& MimePart::params() const {
    static const std::vector<MimeParam> none;
    return fields.content_type ? fields.content_type->params : none;
}

std::optional<std::string> MimePart::charset() const { return decoded_param(params(), "charset"); }

std::string MimePart::transfer_encoding() const {
    return fields.transfer_encoding ? *fields.transfer_encoding : std::string("7bit");
}

namespace {

// Where a part stopped: at a boundary line of an enclosing multipart, or at the end.
struct Stop {
    size_t line_start = 0;    // the boundary line (message size at the end)
    size_t line_end = 0;      // after its CRLF
    size_t boundary = 0;      // index into the boundary stack
    bool close = false;       // "--boundary--"
    bool at_end = true;
    bool keep_crlf = false;   // the CRLF before the boundary line stays in the body
    size_t body_floor = 0;    // nor is it taken from before this offset
};

class MimeParser {
public:
    explicit MimeParser(std::string_view message) : msg_(message) {}

    // `message_root`: the part is a whole message (the top or a message/rfc822 body), not a
    // body part of a multipart.
    MimePart parse_part(size_t begin, bool digest_child, bool message_root, int depth, Stop& stop) {
        MimePart part;
        ++parts_;
        part.header_offset = begin;
        bool header_hit_boundary = parse_header_of(part, begin, stop);
        apply_content_type(part, digest_child, message_root);
        if (!header_hit_boundary) header_hit_boundary = body_is_only_a_boundary(part, stop);
        part.body_offset = part.header_offset + part.header_size;
        if (header_hit_boundary) {
            // The header lost the CRLF before the boundary; the enclosing parts ending there
            // keep it in their bodies (Dovecot's sizes).
            stop.keep_crlf = true;
            // No body at all; an encapsulated message is still there, empty.
            if (part.is_message()) {
                MimePart empty;
                empty.header_offset = empty.body_offset = part.body_offset;
                empty.type = "text";
                empty.subtype = "plain";
                part.children.push_back(std::move(empty));
            }
            return part;
        }

        bool may_nest = depth < kMaxMimeDepth && parts_ < kMaxMimeParts;
        if (part.is_multipart()) {
            auto boundary = decoded_param(part.params(), "boundary");
            // An empty boundary="" is still one: every line starting with "--" matches it
            // (that is how Dovecot reads it).
            if (boundary && may_nest) {
                parse_multipart_body(part, *boundary, depth, stop);
            } else {
                stop = next_boundary(part.body_offset);
            }
        } else if (part.is_message() && may_nest) {
            part.children.push_back(parse_part(part.body_offset, false, true, depth + 1, stop));
        } else {
            stop = next_boundary(part.body_offset);
        }
        finish_body(part, stop);
        return part;
    }

private:
    // Returns true when the header ran into a boundary line (which is then in `stop`).
    bool parse_header_of(MimePart& part, size_t begin, Stop& stop) {
        size_t pos = begin;
        while (pos < msg_.size()) {
            if (!boundaries_.empty()) {
                Stop hit;
                if (boundary_at(pos, hit)) {
                    // The header ends at the boundary line, the CRLF before it excluded.
                    size_t end = pos >= begin + 2 && msg_.substr(pos - 2, 2) == "\r\n" ? pos - 2 : pos;
                    part.header_size = end - begin;
                    stop = hit;
                    return true;
                }
            }
            size_t next = line_end(pos);
            if (next - pos == 2 && msg_[pos] == '\r') {
                part.header_size = next - begin;
                return false;
            }
            pos = next;
        }
        part.header_size = msg_.size() - begin;
        stop = Stop{msg_.size(), msg_.size(), 0, false, true};
        return false;
    }

    // A header whose empty line is directly followed by a boundary of an enclosing multipart:
    // that CRLF is the one that belongs to the boundary, so the header ends before it and the
    // part has no body (as Dovecot counts it). A multipart's own first delimiter right after
    // its header is just an empty preamble. Sets `stop` and returns true in the first case.
    bool body_is_only_a_boundary(MimePart& part, Stop& stop) {
        size_t end = part.header_offset + part.header_size;
        if (boundaries_.empty() || part.header_size < 2 || msg_.substr(end - 2, 2) != "\r\n" ||
            (part.header_size > 2 && msg_.substr(end - 4, 2) != "\r\n"))
            return false;
        Stop hit;
        if (!boundary_at(end, hit)) return false;
        if (part.is_multipart()) {
            auto own = decoded_param(part.params(), "boundary");
            if (own && msg_.substr(end + 2, own->size()) == *own) return false;
        }
        part.header_size -= 2;
        stop = hit;
        return true;
    }

    void apply_content_type(MimePart& part, bool digest_child, bool message_root) {
        auto fields = parse_header(msg_.substr(part.header_offset, part.header_size));
        // RFC 2045 §4: a message without MIME-Version is not MIME. Dovecot still honours its
        // Content-Type, but ignores the other Content-* fields when there is none.
        if (!message_root || find_field(fields, "MIME-Version") || find_field(fields, "Content-Type"))
            part.fields = parse_mime_fields(fields);
        if (part.fields.content_type) {
            part.has_content_type = true;
            part.type = part.fields.content_type->type;
            part.subtype = part.fields.content_type->subtype;
        } else {
            part.type = digest_child ? "message" : "text";
            part.subtype = digest_child ? "rfc822" : "plain";
        }
        if (iequals(part.type, "multipart"))
            part.kind = MimePart::Kind::Multipart;
        else if (iequals(part.type, "message") && iequals(part.subtype, "rfc822"))
            part.kind = MimePart::Kind::Message;
    }

    void parse_multipart_body(MimePart& part, const std::string& boundary, int depth, Stop& stop) {
        boundaries_.push_back(boundary);
        size_t own = boundaries_.size() - 1;
        bool digest = iequals(part.subtype, "digest");
        stop = next_boundary(part.body_offset);  // the end of the preamble
        while (!stop.at_end && stop.boundary == own && !stop.close) {
            Stop child_stop;
            part.children.push_back(parse_part(stop.line_end, digest, false, depth + 1, child_stop));
            stop = child_stop;
        }
        boundaries_.pop_back();
        if (!stop.at_end && stop.boundary == own && stop.close) {
            // After the close delimiter comes the epilogue, up to a boundary of an enclosing
            // multipart (RFC 2046 §5.1.1). The close line's own CRLF stays in the body.
            size_t epilogue = stop.line_end;
            stop = next_boundary(epilogue);
            stop.body_floor = epilogue;
        }
    }

    void finish_body(MimePart& part, const Stop& stop) {
        size_t end = stop.line_start;
        size_t floor = std::max(part.body_offset, stop.body_floor);
        if (!stop.at_end && !stop.keep_crlf && end >= floor + 2 && msg_.substr(end - 2, 2) == "\r\n") end -= 2;
        if (end < part.body_offset) end = part.body_offset;
        part.body_size = end - part.body_offset;
        std::string_view body = msg_.substr(part.body_offset, part.body_size);
        part.body_lines = static_cast<size_t>(std::count(body.begin(), body.end(), '\n'));
    }

    size_t line_end(size_t pos) const {
        size_t eol = msg_.find('\n', pos);
        return eol == std::string_view::npos ? msg_.size() : eol + 1;
    }

    // Is the line at `pos` a delimiter of any enclosing multipart? The innermost wins.
    bool boundary_at(size_t pos, Stop& hit) const {
        if (msg_.size() - pos < 2 || msg_[pos] != '-' || msg_[pos + 1] != '-') return false;
        std::string_view rest = msg_.substr(pos + 2);
        for (size_t i = boundaries_.size(); i-- > 0;) {
            const std::string& b = boundaries_[i];
            if (rest.substr(0, b.size()) != b) continue;
            hit.line_start = pos;
            hit.line_end = line_end(pos);
            hit.boundary = i;
            hit.close = rest.substr(b.size(), 2) == "--";
            hit.at_end = false;
            return true;
        }
        return false;
    }

    Stop next_boundary(size_t pos) const {
        Stop hit;
        if (!boundaries_.empty()) {
            while (pos < msg_.size()) {
                if (boundary_at(pos, hit)) return hit;
                pos = line_end(pos);
            }
        }
        return Stop{msg_.size(), msg_.size(), 0, false, true};
    }

    std::string_view msg_;
    std::vector<std::string> boundaries_;  // innermost last
    size_t parts_ = 0;
};

}  // namespace

MimePart parse_mime(std::string_view message) {
    MimeParser parser(message);
    Stop stop;
    return parser.parse_part(0, false, true, 0, stop);
}

}  // namespace roost::mail
