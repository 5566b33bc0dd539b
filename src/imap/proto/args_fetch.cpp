// FETCH arguments (RFC 3501 §6.4.5 and the fetch-att grammar in §9).
#include "base/strings.hpp"
#include "imap/proto/args.hpp"
#include "imap/proto/writer.hpp"

namespace roost::imap::proto {
namespace {

using Kind = FetchItem::Kind;

Result<FetchItem> simple(Kind kind) {
    FetchItem item;
    item.kind = kind;
    return item;
}

// section-part = nz-number *("." nz-number); the numbers lead the first atom of the section.
// Returns the rest of the atom after the path ("" or "HEADER..." etc.), or an error.
Result<std::string> take_part_path(const std::string& atom, std::vector<uint32_t>& part) {
    size_t pos = 0;
    while (pos < atom.size() && atom[pos] >= '0' && atom[pos] <= '9') {
        size_t end = atom.find('.', pos);
        std::string_view number = std::string_view(atom).substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        // nz-number: no leading zero (Dovecot takes "0" and "01"; the grammar does not).
        auto value = number.empty() || number[0] == '0' ? std::nullopt : parse_decimal(number, 0xFFFFFFFFull);
        if (!value) return make_error("Invalid BODY[..] section");
        part.push_back(static_cast<uint32_t>(*value));
        if (end == std::string::npos) return std::string();
        pos = end + 1;
        if (pos == atom.size()) return make_error("Invalid BODY[..] section");  // "1."
    }
    return atom.substr(pos);
}

// section-spec = section-msgtext / (section-part ["." section-text])
Result<Section> parse_section(const std::vector<Token>& tokens) {
    Section section;
    if (tokens.empty()) return section;
    const Token& first = tokens[0];
    if (!first.is_atom()) return make_error("Invalid BODY[..] section");
    std::string atom = ascii_upper(first.text);
    auto rest = take_part_path(atom, section.part);
    if (!rest) return rest.error();
    std::string keyword = *rest;
    if (keyword.empty() || keyword == "HEADER" || keyword == "TEXT" || keyword == "MIME") {
        if (tokens.size() != 1) return make_error("Invalid BODY[..] section");
        if (keyword == "MIME" && section.part.empty()) return make_error("Invalid BODY[..] section");
        if (keyword == "HEADER") section.kind = Section::Kind::Header;
        if (keyword == "TEXT") section.kind = Section::Kind::Text;
        if (keyword == "MIME") section.kind = Section::Kind::Mime;
        section.text = atom;
        return section;
    }
    if (keyword == "HEADER.FIELDS" || keyword == "HEADER.FIELDS.NOT") {
        // header-list = "(" header-fld-name *(SP header-fld-name) ")"
        if (tokens.size() != 2 || tokens[1].kind != Token::Kind::List || tokens[1].children.empty())
            return make_error("Invalid BODY[..] section");
        section.kind = keyword == "HEADER.FIELDS" ? Section::Kind::HeaderFields : Section::Kind::HeaderFieldsNot;
        section.text = atom + " (";
        for (const Token& field : tokens[1].children) {
            auto name = parse_astring(field);
            // header-fld-name = astring: any astring, even one no field can match ("a:b").
            if (!name || name->empty()) return make_error("Invalid BODY[..] section");
            if (section.fields.size()) section.text += ' ';
            // Echoed upper-cased in the form the client used (atom or quoted), as Dovecot does.
            if (field.kind == Token::Kind::Atom)
                append_astring(section.text, ascii_upper(*name));
            else
                append_string(section.text, ascii_upper(*name));
            section.fields.push_back(std::move(*name));
        }
        section.text += ')';
        return section;
    }
    return make_error("Invalid BODY[..] section");
}

Result<FetchItem> parse_body_section(const Token& token) {
    FetchItem item;
    item.kind = Kind::Body;
    std::string prefix = ascii_upper(token.text);
    if (prefix == "BODY.PEEK")
        item.peek = true;
    else if (prefix != "BODY")
        return make_error(prefix + " is not supported yet");
    auto section = parse_section(token.children);
    if (!section) return section.error();
    item.section = std::move(*section);
    if (token.partial) {
        // "<" number "." nz-number ">"
        std::string_view partial = *token.partial;
        size_t dot = partial.find('.');
        if (dot == std::string_view::npos) return make_error("Invalid partial");
        auto origin = parse_decimal(partial.substr(0, dot), 0xFFFFFFFFull);
        auto count = parse_decimal(partial.substr(dot + 1), 0xFFFFFFFFull);
        if (!origin || !count || *count == 0) return make_error("Invalid partial");
        item.partial_origin = static_cast<uint32_t>(*origin);
        item.partial_count = static_cast<uint32_t>(*count);
    }
    return item;
}

Result<FetchItem> parse_item(const Token& token) {
    if (token.kind == Token::Kind::Section) return parse_body_section(token);
    if (!token.is_atom()) return make_error("Invalid fetch attribute");
    std::string name = ascii_upper(token.text);
    if (name == "UID") return simple(Kind::Uid);
    if (name == "FLAGS") return simple(Kind::Flags);
    if (name == "INTERNALDATE") return simple(Kind::InternalDate);
    if (name == "RFC822.SIZE") return simple(Kind::Rfc822Size);
    if (name == "RFC822") return simple(Kind::Rfc822);
    if (name == "RFC822.HEADER") return simple(Kind::Rfc822Header);
    if (name == "RFC822.TEXT") return simple(Kind::Rfc822Text);
    if (name == "ENVELOPE") return simple(Kind::Envelope);
    if (name == "BODYSTRUCTURE") return simple(Kind::BodyStructure);
    if (name == "BODY") return simple(Kind::BodyNonExtensible);
    return make_error("Unknown fetch attribute: " + token.text);
}

}  // namespace

Result<FetchArgs> parse_fetch(const std::vector<Token>& args) {
    if (auto ok = expect_args(args, 2, 2); !ok) return ok.error();
    auto set = parse_sequence_set(args[0]);
    if (!set) return set.error();
    FetchArgs fetch{std::move(*set), {}};

    const Token& what = args[1];
    std::vector<const Token*> attributes;
    // RFC 3501 §6.4.5 macros: FAST = (FLAGS INTERNALDATE RFC822.SIZE), ALL = FAST ENVELOPE,
    // FULL = ALL BODY.
    bool fast = what.is_word("FAST"), all = what.is_word("ALL"), full = what.is_word("FULL");
    if (fast || all || full) {
        for (Kind kind : {Kind::Flags, Kind::InternalDate, Kind::Rfc822Size}) fetch.items.push_back(*simple(kind));
        if (all || full) fetch.items.push_back(*simple(Kind::Envelope));
        if (full) fetch.items.push_back(*simple(Kind::BodyNonExtensible));
        return fetch;
    }
    if (what.kind == Token::Kind::List) {
        if (what.children.empty()) return make_error("Empty fetch attribute list");
        for (const Token& child : what.children) attributes.push_back(&child);
    } else {
        attributes.push_back(&what);
    }
    for (const Token* token : attributes) {
        auto item = parse_item(*token);
        if (!item) return item.error();
        fetch.items.push_back(std::move(*item));
    }
    return fetch;
}

}  // namespace roost::imap::proto
