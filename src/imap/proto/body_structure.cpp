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
        } else if (a.name) {
            out += "\"\"";
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

std::vector<mail::Address> addresses_of(const std::vector<mail::HeaderField>& fields, std::string_view name) {
    const mail::HeaderField* field = mail::find_field(fields, name);
    return field ? mail::parse_address_list(field->value) : std::vector<mail::Address>();
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
        out += ' ';
        append_disposition(out, part.fields.disposition);
        out += ' ';
        append_language(out, part.fields.language);
        out += ' ';
        append_nstring_value(out, part.fields.location);
    }
    out += ')';
}

void append_part(std::string& out, std::string_view message, const mail::MimePart& part, bool extensible) {
    if (part.is_multipart()) return append_multipart(out, message, part, extensible);
    bool is_text = iequals(part.type, "text");
    out += '(';
    append_string(out, part.type);
    out += ' ';
    append_string(out, part.subtype);
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
        out += ' ';
        append_disposition(out, part.fields.disposition);
        out += ' ';
        append_language(out, part.fields.language);
        out += ' ';
        append_nstring_value(out, part.fields.location);
    }
    out += ')';
}

}  // namespace

std::string envelope(std::string_view header) {
    auto fields = mail::parse_header(header);
    std::string out = "(";
    append_raw(out, mail::find_field(fields, "Date"));
    out += ' ';
    if (const auto* subject = mail::find_field(fields, "Subject")) {
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
    append_raw(out, mail::find_field(fields, "In-Reply-To"));
    out += ' ';
    append_raw(out, mail::find_field(fields, "Message-ID"));
    out += ')';
    return out;
}

std::string body_structure(std::string_view message, const mail::MimePart& part, bool extensible) {
    std::string out;
    append_part(out, message, part, extensible);
    return out;
}

}  // namespace roost::imap::proto
