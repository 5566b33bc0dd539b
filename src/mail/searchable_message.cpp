#include "mail/searchable_message.hpp"

#include "base/calendar.hpp"
#include "base/strings.hpp"
#include "mail/address.hpp"
#include "mail/casefold.hpp"
#include "mail/charset.hpp"
#include "mail/encoded_words.hpp"
#include "mail/header.hpp"
#include "mail/mime_part.hpp"
#include "mail/rfc822_lexer.hpp"
#include "mail/transfer_encoding.hpp"

namespace roost::mail {
namespace {

// A header value as searched: unfolded, encoded words decoded, folded.
std::string searchable_value(std::string_view raw) { return casefold(decode_encoded_words(unfold(raw))); }

// Dovecot quotes a display name unless it is all atext (8-bit octets count as atext).
bool needs_quotes(std::string_view phrase) {
    if (phrase.empty()) return true;
    for (char c : phrase)
        if (!is_atext(c)) return true;
    return false;
}

void append_phrase(std::string& out, std::string_view phrase) {
    if (!needs_quotes(phrase)) {
        out += phrase;
        return;
    }
    out += '"';
    for (char c : phrase) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
}

// Text of a leaf body: decoded from its transfer encoding and charset.
std::string leaf_text(const MimePart& part, std::string_view message) {
    std::string_view body = part.body(message);
    std::string encoding = ascii_lower(part.transfer_encoding());
    std::string octets;
    if (encoding == "base64")
        octets = decode_base64(body);
    else if (encoding == "quoted-printable")
        octets = decode_quoted_printable(body);
    else
        octets = std::string(body);
    auto charset = part.charset();
    if (charset) {
        if (auto utf8 = charset_to_utf8(octets, *charset)) return std::move(*utf8);
    }
    return valid_utf8(octets);  // no charset (US-ASCII, RFC 2045 §5.2) or an unknown one
}

// Dovecot searches the body of text/* and message/* leaves only (message/rfc822 itself is
// not a leaf: its message is searched as a message). A type without a subtype ("text") is
// not text to it.
bool is_text_leaf(const MimePart& part) {
    if (!part.has_content_type) return true;
    return (iequals(part.type, "text") || iequals(part.type, "message")) && !part.subtype.empty();
}

int two_digit_year(int64_t year) { return static_cast<int>(year < 50 ? 2000 + year : 1900 + year); }

}  // namespace

struct SearchableMessage::Cache {
    std::optional<std::vector<HeaderField>> fields;
    std::optional<MimePart> mime;
    std::optional<std::vector<std::string>> bodies;   // folded text of each text leaf
    std::optional<std::vector<std::string>> headers;  // folded, decoded header of each part
    std::optional<int64_t> sent_day;
};

SearchableMessage::SearchableMessage(std::string_view message) : message_(message), cache_(std::make_unique<Cache>()) {}
SearchableMessage::~SearchableMessage() = default;

bool SearchableMessage::header_contains(std::string_view name, std::string_view needle, bool address) {
    if (!cache_->fields) cache_->fields = parse_header(message_.substr(0, header_length(message_)));
    for (const HeaderField& field : *cache_->fields) {
        if (!iequals(field.name, name)) continue;
        if (needle.empty()) return true;
        std::string value = address ? casefold(search_address_text(field.value)) : searchable_value(field.value);
        if (value.find(needle) != std::string::npos) return true;
    }
    return false;
}

bool SearchableMessage::body_contains(std::string_view needle) {
    if (!cache_->mime) cache_->mime = parse_mime(message_);
    if (!cache_->bodies) {
        std::vector<std::string> bodies;
        auto walk = [&](const MimePart& part, auto& self) -> void {
            for (const MimePart& child : part.children) self(child, self);
            if (part.children.empty() && is_text_leaf(part)) bodies.push_back(casefold(leaf_text(part, message_)));
        };
        walk(*cache_->mime, walk);
        cache_->bodies = std::move(bodies);
    }
    for (const std::string& body : *cache_->bodies)
        if (body.find(needle) != std::string::npos) return true;
    return false;
}

bool SearchableMessage::text_contains(std::string_view needle) {
    if (!cache_->mime) cache_->mime = parse_mime(message_);
    if (!cache_->headers) {
        std::vector<std::string> headers;
        auto walk = [&](const MimePart& part, auto& self) -> void {
            std::string text;
            for (const HeaderField& field : parse_header(part.header(message_))) {
                text += field.name;
                text += ": ";
                text += decode_encoded_words(unfold(field.value));
                text += "\n";
            }
            headers.push_back(casefold(text));
            for (const MimePart& child : part.children) self(child, self);
        };
        walk(*cache_->mime, walk);
        cache_->headers = std::move(headers);
    }
    for (const std::string& header : *cache_->headers)
        if (header.find(needle) != std::string::npos) return true;
    return body_contains(needle);
}

int64_t SearchableMessage::sent_day() {
    if (!cache_->sent_day) {
        if (!cache_->fields) cache_->fields = parse_header(message_.substr(0, header_length(message_)));
        const HeaderField* date = find_field(*cache_->fields, "Date");
        std::optional<int64_t> day = date ? parse_rfc5322_day(unfold(date->value)) : std::nullopt;
        cache_->sent_day = day.value_or(0);
    }
    return *cache_->sent_day;
}

std::optional<int64_t> parse_rfc5322_day(std::string_view value) {
    static const char* const kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec"};
    std::vector<std::string_view> words;
    for (std::string_view word : split_words(value)) {
        // "Fri,", "Fri ," and "Fri,29": the day name is optional and says nothing we need.
        for (std::string_view piece : split(word, ','))
            if (!piece.empty()) words.push_back(piece);
    }
    size_t at = 0;
    if (at < words.size() && !words[at].empty() && !(words[at][0] >= '0' && words[at][0] <= '9')) ++at;
    if (at + 4 > words.size()) return std::nullopt;  // day month year time
    auto day = parse_decimal(words[at], 31);
    unsigned month = 0;
    for (unsigned i = 0; i < 12; ++i)
        if (iequals(words[at + 1], kMonths[i])) month = i + 1;
    auto year = parse_decimal(words[at + 2], 9999);
    std::string_view time = words[at + 3];
    if (!day || *day == 0 || month == 0 || !year || words[at + 2].size() < 2) return std::nullopt;
    // RFC 5322 §4.3: a two-digit year below 50 is 20xx, else 19xx; three digits add 1900.
    int64_t full_year = static_cast<int64_t>(*year);
    if (words[at + 2].size() == 2) full_year = two_digit_year(full_year);
    else if (words[at + 2].size() == 3) full_year += 1900;
    // The time must be there and readable, or the date is not trusted. As Dovecot reads it:
    // the hour in one or two digits, minutes and seconds in two ("1:28:53" is a time,
    // "10:28:3" and "1:5:13" are not; RFC 5322 §3.3 asks two digits everywhere).
    auto pieces = split(time, ':');
    if (pieces.size() < 2 || pieces.size() > 3) return std::nullopt;
    for (size_t i = 0; i < pieces.size(); ++i) {
        size_t digits = pieces[i].size();
        bool width_ok = i == 0 ? (digits == 1 || digits == 2) : digits == 2;
        if (!width_ok || !parse_decimal(pieces[i], 60)) return std::nullopt;
    }
    // Dovecot keeps dates as unix times: a year before 1970 ("0102") is unreadable to it.
    if (full_year < 1970 || !is_calendar_date(full_year, month, static_cast<unsigned>(*day))) return std::nullopt;
    return days_from_civil(full_year, month, static_cast<unsigned>(*day));
}

std::string search_address_text(std::string_view raw_value) {
    std::string out;
    bool in_group = false;
    bool first_in_group = false;
    for (const Address& address : parse_address_list(raw_value)) {
        if (address.is_group_start()) {
            if (!out.empty()) out += ", ";
            append_phrase(out, *address.mailbox);
            out += ':';
            in_group = first_in_group = true;
            continue;
        }
        if (address.is_group_end()) {
            out += ';';
            in_group = false;
            continue;
        }
        if (!(in_group && first_in_group) && !out.empty()) out += ", ";
        first_in_group = false;
        // A local part that is no dot-atom goes back into quotes: <"Books@Books"@example.com>.
        std::string spec;
        std::string_view local = address.mailbox ? std::string_view(*address.mailbox) : std::string_view();
        bool dot_atom = !local.empty();
        for (char c : local)
            if (!is_atext(c) && c != '.') dot_atom = false;
        if (dot_atom)
            spec = local;
        else
            append_phrase(spec, local);
        if (address.host) spec += "@" + *address.host;
        if (address.name && !address.name->empty()) {  // "user@host ()" has no name
            append_phrase(out, *address.name);
            out += ' ';
        }
        out += "<" + spec + ">";
    }
    return decode_encoded_words(out);
}

}  // namespace roost::mail
