#include "imap/proto/body_structure.hpp"

#include "base/strings.hpp"
#include "imap/proto/writer.hpp"
#include "mail/address.hpp"
#include "mail/header.hpp"

namespace roost::imap::proto {
namespace {

// A raw header value as an nstring: unfolded, otherwise untouched.
void append_raw(std::string& out, const mail::HeaderField* field) {
    if (!field) {
        out += "NIL";
        return;
    }
    append_string(out, mail::unfold(field->value));
}

void append_nstring_value(std::string& out, const std::optional<std::string>& value) {
    if (!value) {
        out += "NIL";
        return;
    }
    append_string(out, *value);
}

void append_addresses(std::string& out, const std::vector<mail::Address>& addresses) {
    if (addresses.empty()) {
        out += "NIL";
        return;
    }
    out += '(';
    for (const auto& a : addresses) {
        out += '(';
        if (a.name && !a.name->empty()) {
            append_human_string(out, *a.name);
        } else {
            out += "NIL";
        }
        out += ' ';
        append_nstring_value(out, a.route);
        out += ' ';
        append_nstring_value(out, a.mailbox);
        out += ' ';
        append_nstring_value(out, a.host);
        out += ')';
    }
    out += ')';
}

// Every occurrence of an address field counts, in order (Dovecot joins them).
std::vector<mail::Address> addresses_of(const std::vector<mail::HeaderField>& fields, std::string_view name) {
    std::vector<mail::Address> all;
    for (const auto& field : fields) {
        if (!iequals(field.name, name)) continue;
        auto more = mail::parse_address_list(field.value);
        all.insert(all.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    }
    return all;
}

// Of a repeated Date, Subject, In-Reply-To or Message-ID, the last one counts (as in Dovecot).
const mail::HeaderField* last_field(const std::vector<mail::HeaderField>& fields, std::string_view name) {
    const mail::HeaderField* found = nullptr;
    for (const auto& field : fields)
        if (iequals(field.name, name)) found = &field;
    return found;
}

void append_params(std::string& out, const std::vector<mail::MimeParam>& params, bool default_charset) {
    if (params.empty() && !default_charset) {
        out += "NIL";
        return;
    }
    out += '(';
    bool first = true;
    for (const auto& param : params) {
        if (!first) out += ' ';
        first = false;
        append_string(out, param.name);
        out += ' ';
        append_string(out, param.value);
    }
    if (default_charset) out += first ? "\"charset\" \"us-ascii\"" : " \"charset\" \"us-ascii\"";
    out += ')';
}

void append_disposition(std::string& out, const std::optional<mail::ContentDisposition>& disposition) {
    if (!disposition) {
        out += "NIL";
        return;
    }
    out += '(';
    append_string(out, disposition->type);
    out += ' ';
    append_params(out, disposition->params, false);
    out += ')';
}

void append_language(std::string& out, const std::vector<std::string>& language) {
    if (language.empty()) {
        out += "NIL";
        return;
    }
    out += '(';
    for (size_t i = 0; i < language.size(); ++i) {
        if (i) out += ' ';
        append_string(out, language[i]);
    }
    out += ')';
}

bool has_param(const std::vector<mail::MimeParam>& params, std::string_view name) {
    for (const auto& param : params)
        if (iequals(param.name, name)) return true;
    return false;
}

void append_part(std::string& out, std::string_view message, const mail::MimePart& part, bool extensible);

// The extension data every body type ends with (RFC 3501 §9 body-ext-1part / body-ext-mpart
// after their first field): " disposition language location".
void append_common_extension(std::string& out, const mail::MimeFields& fields) {
    out += ' ';
    append_disposition(out, fields.disposition);
    out += ' ';
    append_language(out, fields.language);
    out += ' ';
    append_nstring_value(out, fields.location);
}

// A message that is one plain 7-bit US-ASCII text part with no other Content-* field: Dovecot
// keeps only a flag for it in its cache and answers RFC 2045 §5.2's default in its own
// spelling ("text" "plain" ("charset" "us-ascii") ... "7bit"), however the fields were written.
// Only the top-level message, never a part inside a multipart or message/rfc822.
bool is_plain_default_message(const mail::MimePart& part) {
    if (part.kind != mail::MimePart::Kind::Leaf) return false;
    if (part.has_content_type && (!iequals(part.type, "text") || !iequals(part.subtype, "plain"))) return false;
    const auto& params = part.params();
    bool default_params =
        params.empty() ||
        (params.size() == 1 && iequals(params[0].name, "charset") && iequals(params[0].value, "us-ascii"));
    const mail::MimeFields& f = part.fields;
    return default_params && (!f.transfer_encoding || iequals(*f.transfer_encoding, "7bit")) && !f.id &&
           !f.description && !f.md5 && !f.location && !f.disposition && f.language.empty();
}

// RFC 3501 §7.4.2 requires at least one part in a multipart; a multipart with none (no
// boundary, or no boundary line in the body) is shown with one empty text/plain part, as
// Dovecot does.
void append_empty_text_part(std::string& out, bool extensible) {
    out += "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0";
    if (extensible) out += " NIL NIL NIL NIL";
    out += ')';
}

void append_multipart(std::string& out, std::string_view message, const mail::MimePart& part, bool extensible) {
    out += '(';
    if (part.children.empty()) append_empty_text_part(out, extensible);
    for (const auto& child : part.children) append_part(out, message, child, extensible);
    out += ' ';
    append_string(out, part.subtype);
    if (extensible) {
        out += ' ';
        append_params(out, part.params(), false);
        append_common_extension(out, part.fields);
    }
    out += ')';
}

void append_part(std::string& out, std::string_view message, const mail::MimePart& part, bool extensible) {
    if (part.is_multipart()) return append_multipart(out, message, part, extensible);
    bool is_text = iequals(part.type, "text");
    out += '(';
    if (part.is_message()) {
        out += "\"message\" \"rfc822\"";  // Dovecot's spelling, whatever the sender's
    } else {
        append_string(out, part.type);
        out += ' ';
        append_string(out, part.subtype);
    }
    out += ' ';
    append_params(out, part.params(), is_text && !has_param(part.params(), "charset"));
    out += ' ';
    append_nstring_value(out, part.fields.id);
    out += ' ';
    append_nstring_value(out, part.fields.description);
    out += ' ';
    append_string(out, part.transfer_encoding());
    out += ' ';
    out += std::to_string(part.body_size);
    if (part.is_message() && !part.children.empty()) {
        const mail::MimePart& inner = part.children.front();
        out += ' ';
        out += envelope(inner.header(message));
        out += ' ';
        append_part(out, message, inner, extensible);
        out += ' ';
        out += std::to_string(part.body_lines);
    } else if (is_text) {
        out += ' ';
        out += std::to_string(part.body_lines);
    }
    if (extensible) {
        out += ' ';
        append_nstring_value(out, part.fields.md5);
        append_common_extension(out, part.fields);
    }
    out += ')';
}

}  // namespace

std::string envelope(std::string_view header) {
    auto fields = mail::parse_header(header);
    std::string out = "(";
    append_raw(out, last_field(fields, "Date"));
    out += ' ';
    if (const auto* subject = last_field(fields, "Subject")) {
        append_human_string(out, subject->value);
    } else {
        out += "NIL";
    }
    auto from = addresses_of(fields, "From");
    auto sender = addresses_of(fields, "Sender");
    auto reply_to = addresses_of(fields, "Reply-To");
    // RFC 3501 §7.4.2: sender and reply-to default to from when absent (or empty).
    out += ' ';
    append_addresses(out, from);
    out += ' ';
    append_addresses(out, sender.empty() ? from : sender);
    out += ' ';
    append_addresses(out, reply_to.empty() ? from : reply_to);
    for (const char* name : {"To", "Cc", "Bcc"}) {
        out += ' ';
        append_addresses(out, addresses_of(fields, name));
    }
    out += ' ';
    append_raw(out, last_field(fields, "In-Reply-To"));
    out += ' ';
    append_raw(out, last_field(fields, "Message-ID"));
    out += ')';
    return out;
}

std::string body_structure(std::string_view message, const mail::MimePart& part, bool extensible) {
    std::string out;
    if (is_plain_default_message(part)) {
        out = "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" " + std::to_string(part.body_size) +
              ' ' + std::to_string(part.body_lines);
        out += extensible ? " NIL NIL NIL NIL)" : ")";
        return out;
    }
    append_part(out, message, part, extensible);
    return out;
}

}  // namespace roost::imap::proto
