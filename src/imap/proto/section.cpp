#include "imap/proto/section.hpp"

#include "base/strings.hpp"
#include "mail/header.hpp"

namespace roost::imap::proto {
namespace {

bool field_listed(std::string_view name, const std::vector<std::string>& fields) {
    for (const auto& field : fields)
        if (iequals(name, field)) return true;
    return false;
}

// Keeps (or drops, when `keep_listed` is false) the header fields named in `fields`, each with
// its continuation lines (RFC 5322 §2.2.3), then the empty line (RFC 3501 §6.4.5).
std::string filter_header(std::string_view header, const std::vector<std::string>& fields, bool keep_listed) {
    std::string out;
    for (const auto& field : mail::parse_header(header)) {
        if (field_listed(field.name, fields) != keep_listed) continue;
        out.append(header.substr(field.offset, field.size));
        if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) out += "\r\n";
    }
    // HEADER.FIELDS always ends with an empty line; HEADER.FIELDS.NOT is the header without
    // the listed fields, so it has one only when the header has (a message that is all header
    // has none). Both as Dovecot answers.
    bool has_empty_line = header == "\r\n" || (header.size() >= 4 && header.substr(header.size() - 4) == "\r\n\r\n");
    if (keep_listed || has_empty_line) out += "\r\n";
    return out;
}

// The message whose HEADER/TEXT a section names: the top-level message, or the message
// encapsulated in a message/rfc822 part; nullptr for other parts.
const mail::MimePart* section_message(const mail::MimePart& root, const Section& section,
                                      const mail::MimePart* part) {
    if (section.part.empty()) return &root;
    if (part && part->is_message() && !part->children.empty()) return &part->children.front();
    return nullptr;
}

}  // namespace

const mail::MimePart* find_section_part(const mail::MimePart& root, const std::vector<uint32_t>& path) {
    const mail::MimePart* part = &root;
    bool took_own_one = false;  // a non-multipart part has taken its one "1" already
    for (size_t i = 0; i < path.size(); ++i) {
        uint32_t n = path[i];
        if (part->is_multipart()) {
            if (n == 0 || n > part->children.size()) return nullptr;
            part = &part->children[n - 1];
            took_own_one = false;
        } else {
            // "1" names a non-multipart part itself, once: BODY[1] of a single-part message is
            // its body, BODY[1.1] is nothing (Dovecot answers it empty).
            if (n != 1 || took_own_one) return nullptr;
            took_own_one = true;
        }
        bool more = i + 1 < path.size();
        if (more && part->is_message() && !part->children.empty()) {
            part = &part->children.front();
            took_own_one = false;
        }
    }
    return part;
}

std::string section_data(std::string_view message, const mail::MimePart& root, const Section& section) {
    const mail::MimePart* part = find_section_part(root, section.part);
    if (!part) return {};
    if (section.kind == Section::Kind::Full)
        return std::string(section.part.empty() ? message : part->body(message));
    if (section.kind == Section::Kind::Mime) return std::string(part->header(message));
    const mail::MimePart* target = section_message(root, section, part);
    if (!target) return {};
    std::string_view header = target->header(message);
    switch (section.kind) {
        case Section::Kind::Header: return std::string(header);
        case Section::Kind::Text: return std::string(target->body(message));
        case Section::Kind::HeaderFields: return filter_header(header, section.fields, true);
        case Section::Kind::HeaderFieldsNot: return filter_header(header, section.fields, false);
        default: return {};
    }
}

std::string section_data(std::string_view message, const Section& section) {
    if (section.part.empty()) {
        // The top-level message needs only the header/body split.
        mail::MimePart top;
        top.header_size = mail::header_length(message);
        top.body_offset = top.header_size;
        top.body_size = message.size() - top.header_size;
        return section_data(message, top, section);
    }
    return section_data(message, mail::parse_mime(message), section);
}

std::string_view partial_data(std::string_view data, uint32_t origin, uint32_t count) {
    if (origin >= data.size()) return {};
    return data.substr(origin, count);
}

}  // namespace roost::imap::proto
