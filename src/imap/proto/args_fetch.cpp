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

// section-spec = section-msgtext / (section-part ["." section-text]); top level only for now.
Result<Section> parse_section(const std::vector<Token>& tokens) {
    Section section;
    if (tokens.empty()) return section;
    const Token& first = tokens[0];
    if (!first.is_atom()) return make_error("Invalid section");
    std::string keyword = ascii_upper(first.text);
    if (!keyword.empty() && keyword[0] >= '0' && keyword[0] <= '9')
        return make_error("MIME part sections are not supported yet");
    if (keyword == "HEADER" || keyword == "TEXT") {
        if (tokens.size() != 1) return make_error("Invalid section");
        section.kind = keyword == "HEADER" ? Section::Kind::Header : Section::Kind::Text;
        section.text = keyword;
        return section;
    }
    if (keyword == "HEADER.FIELDS" || keyword == "HEADER.FIELDS.NOT") {
        // header-list = "(" header-fld-name *(SP header-fld-name) ")"
        if (tokens.size() != 2 || tokens[1].kind != Token::Kind::List || tokens[1].children.empty())
            return make_error("Invalid header field list");
        section.kind = keyword == "HEADER.FIELDS" ? Section::Kind::HeaderFields : Section::Kind::HeaderFieldsNot;
        section.text = keyword + " (";
        for (const Token& field : tokens[1].children) {
            auto name = parse_astring(field);
            if (!name || name->empty() || name->find(':') != std::string::npos)
                return make_error("Invalid header field name");
            if (section.fields.size()) section.text += ' ';
            append_astring(section.text, *name);
            section.fields.push_back(std::move(*name));
        }
        section.text += ')';
        return section;
    }
    return make_error("Invalid section: " + first.text);
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
    if (name == "ENVELOPE" || name == "BODYSTRUCTURE" || name == "BODY")
        return make_error(name + " is not supported yet");
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
    if (what.is_word("FAST")) {
        // RFC 3501 §6.4.5: FAST = (FLAGS INTERNALDATE RFC822.SIZE)
        for (Kind kind : {Kind::Flags, Kind::InternalDate, Kind::Rfc822Size}) fetch.items.push_back(*simple(kind));
        return fetch;
    }
    if (what.is_word("ALL") || what.is_word("FULL"))
        return make_error("ENVELOPE is not supported yet");  // ALL and FULL include ENVELOPE
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
