// Argument pieces shared by many commands: astring, mailbox, flags, sequence sets.
#include "base/strings.hpp"
#include "imap/proto/args.hpp"
#include "mail/mutf7.hpp"

namespace roost::imap::proto {
namespace {

// RFC 3501 §9 ATOM-CHAR (any CHAR except atom-specials); 8-bit octets are let through for
// clients that send raw UTF-8, and the callers decide what to do with them.
bool is_atom_char(unsigned char c) {
    if (c <= 0x20 || c == 0x7f) return false;
    switch (c) {
        case '(': case ')': case '{': case '%': case '*': case '"': case '\\': case ']':
            return false;
        default:
            return true;
    }
}

}  // namespace

std::optional<std::string> parse_astring(const Token& token) {
    if (token.is_string()) return token.text;
    if (!token.is_atom()) return std::nullopt;
    for (unsigned char c : token.text)
        if (!is_atom_char(c) && c != ']') return std::nullopt;  // ASTRING-CHAR adds "]"
    return token.text;
}

Result<std::string> parse_mailbox(const Token& token) {
    auto raw = parse_astring(token);
    if (!raw) return make_error("Invalid mailbox name");
    // RFC 3501 §5.1: "INBOX" is case-insensitive.
    if (iequals(*raw, "INBOX")) return std::string("INBOX");
    auto utf8 = mail::mutf7_to_utf8(*raw);
    if (!utf8) return make_error(kInvalidMutf7Name);
    return std::move(*utf8);
}

std::optional<std::string> parse_flag(const Token& token) {
    if (!token.is_atom() || token.text.empty()) return std::nullopt;
    const std::string& text = token.text;
    if (text[0] == '\\') {
        // RFC 3501 §2.3.2: the system flags a client may set (not \Recent).
        static const char* const kSystem[] = {"\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft"};
        for (const char* name : kSystem)
            if (iequals(text, name)) return std::string(name);
        return std::nullopt;
    }
    for (unsigned char c : text)
        if (!is_atom_char(c) || c >= 0x80) return std::nullopt;
    return text;
}

Result<std::vector<std::string>> parse_flag_list(const Token& token) {
    if (token.kind != Token::Kind::List) return make_error("Flag list expected");
    std::vector<std::string> flags;
    for (const Token& item : token.children) {
        auto flag = parse_flag(item);
        if (!flag) return make_error("Invalid flag: " + item.text);
        flags.push_back(std::move(*flag));
    }
    return flags;
}

Result<SeqSet> parse_sequence_set(const Token& token) {
    if (!token.is_atom()) return make_error("Invalid messageset");
    auto set = SeqSet::parse(token.text);
    if (!set) return make_error("Invalid messageset");
    return std::move(*set);
}

Result<void> expect_args(const std::vector<Token>& args, size_t min, size_t max) {
    if (args.size() < min) return make_error("Missing argument");
    if (args.size() > max) return make_error("Too many arguments");
    return {};
}

}  // namespace roost::imap::proto
