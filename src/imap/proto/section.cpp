#include "imap/proto/section.hpp"

#include "base/strings.hpp"
#include "mail/message.hpp"

namespace roost::imap::proto {
namespace {

bool field_listed(std::string_view name, const std::vector<std::string>& fields) {
    for (const auto& field : fields)
        if (iequals(name, field)) return true;
    return false;
}

// Keeps (or drops, when `keep_listed` is false) the header fields named in `fields`. A field
// is its first line plus the continuation lines that start with a space or tab (RFC 5322
// §2.2.3).
std::string filter_header(std::string_view header, const std::vector<std::string>& fields, bool keep_listed) {
    std::string out;
    bool keeping = false;
    size_t pos = 0;
    while (pos < header.size()) {
        size_t end = header.find("\r\n", pos);
        end = end == std::string_view::npos ? header.size() : end + 2;
        std::string_view line = header.substr(pos, end - pos);
        pos = end;
        if (line == "\r\n") break;  // the empty line ending the header
        if (line[0] != ' ' && line[0] != '\t') {
            size_t colon = line.find(':');
            std::string_view name = trim(line.substr(0, colon == std::string_view::npos ? 0 : colon));
            keeping = colon != std::string_view::npos && field_listed(name, fields) == keep_listed;
        }
        if (keeping) out.append(line);
    }
    out += "\r\n";
    return out;
}

}  // namespace

std::string section_data(std::string_view message, const Section& section) {
    mail::HeaderBody parts = mail::split_header_body(message);
    switch (section.kind) {
        case Section::Kind::Full: return std::string(message);
        case Section::Kind::Header: return std::string(parts.header);
        case Section::Kind::Text: return std::string(parts.body);
        case Section::Kind::HeaderFields: return filter_header(parts.header, section.fields, true);
        case Section::Kind::HeaderFieldsNot: return filter_header(parts.header, section.fields, false);
    }
    return {};
}

std::string_view partial_data(std::string_view data, uint32_t origin, uint32_t count) {
    if (origin >= data.size()) return {};
    return data.substr(origin, count);
}

}  // namespace roost::imap::proto
