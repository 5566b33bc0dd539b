#include "mail/header.hpp"

#include "base/strings.hpp"

namespace roost::mail {

size_t header_length(std::string_view text) {
    if (text.substr(0, 2) == "\r\n") return 2;
    size_t pos = text.find("\r\n\r\n");
    return pos == std::string_view::npos ? text.size() : pos + 4;
}

std::vector<HeaderField> parse_header(std::string_view header) {
    std::vector<HeaderField> fields;
    size_t pos = 0;
    while (pos < header.size()) {
        size_t start = pos;
        size_t eol = header.find("\r\n", pos);
        size_t next = eol == std::string_view::npos ? header.size() : eol + 2;
        if (next - start == 2) break;  // the empty line
        // Continuation lines (RFC 5322 §2.2.3) belong to the field started above.
        while (next < header.size() && (header[next] == ' ' || header[next] == '\t')) {
            eol = header.find("\r\n", next);
            next = eol == std::string_view::npos ? header.size() : eol + 2;
        }
        pos = next;
        std::string_view whole = header.substr(start, next - start);
        size_t colon = whole.find(':');
        bool has_colon = colon != std::string_view::npos;
        HeaderField field;
        if (!has_colon) {
            // A line that is no field: all of it is the name, the value is empty.
            colon = whole.size();
            while (colon > 0 && (whole[colon - 1] == '\r' || whole[colon - 1] == '\n')) --colon;
        }
        field.name = whole.substr(0, colon);
        while (!field.name.empty() && (field.name.back() == ' ' || field.name.back() == '\t')) field.name.remove_suffix(1);
        if (field.name.empty()) continue;
        std::string_view value = has_colon ? whole.substr(colon + 1) : std::string_view();
        if (value.size() >= 2 && value.substr(value.size() - 2) == "\r\n") value.remove_suffix(2);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
        field.value = value;
        field.offset = start;
        field.size = whole.size();
        fields.push_back(field);
    }
    return fields;
}

std::string unfold(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value)
        if (c != '\r' && c != '\n') out += c;
    return out;
}

const HeaderField* find_field(const std::vector<HeaderField>& fields, std::string_view name) {
    for (const auto& field : fields)
        if (iequals(field.name, name)) return &field;
    return nullptr;
}

}  // namespace roost::mail
