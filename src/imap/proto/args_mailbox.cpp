// Arguments of LIST/LSUB and STATUS.
#include "base/strings.hpp"
#include "imap/proto/args.hpp"
#include "mail/mutf7.hpp"

namespace roost::imap::proto {
namespace {

// list-mailbox = 1*list-char / string; list-char adds the wildcards % and * to ATOM-CHAR.
// nullopt: well formed but not modified UTF-7.
Result<std::optional<std::string>> parse_list_mailbox(const Token& token) {
    std::string raw;
    if (token.is_string()) {
        raw = token.text;
    } else if (token.is_atom()) {
        for (unsigned char c : token.text)
            if (c <= 0x20 || c == 0x7f || c == '(' || c == ')' || c == '{' || c == '"' || c == '\\')
                return make_error("Invalid list pattern");
        raw = token.text;
    } else {
        return make_error("Invalid list pattern");
    }
    return mail::mutf7_to_utf8(raw);
}

}  // namespace

Result<ListArgs> parse_list(const std::vector<Token>& args) {
    if (auto ok = expect_args(args, 2, 2); !ok) return ok.error();
    auto reference = parse_list_mailbox(args[0]);
    if (!reference) return reference.error();
    auto pattern = parse_list_mailbox(args[1]);
    if (!pattern) return pattern.error();
    ListArgs list;
    list.matches_nothing = !*reference || !*pattern;
    if (*reference) list.reference = std::move(**reference);
    if (*pattern) list.pattern = std::move(**pattern);
    return list;
}

Result<CopyArgs> parse_copy(const std::vector<Token>& args) {
    if (auto ok = expect_args(args, 2, 2); !ok) return ok.error();
    auto set = parse_sequence_set(args[0]);
    if (!set) return set.error();
    auto mailbox = parse_mailbox(args[1]);
    if (!mailbox) return mailbox.error();
    return CopyArgs{std::move(*set), std::move(*mailbox)};
}

Result<StatusArgs> parse_status(const std::vector<Token>& args) {
    if (auto ok = expect_args(args, 2, 2); !ok) return ok.error();
    auto mailbox = parse_mailbox(args[0]);
    if (!mailbox) return mailbox.error();
    if (args[1].kind != Token::Kind::List || args[1].children.empty())
        return make_error("Status items must be a non-empty list");
    StatusArgs status{std::move(*mailbox), {}};
    for (const Token& item : args[1].children) {
        static const char* const kItems[] = {"MESSAGES", "RECENT", "UIDNEXT", "UIDVALIDITY", "UNSEEN"};
        bool known = false;
        for (const char* name : kItems)
            if (item.is_word(name)) known = true;
        if (!known) return make_error("Invalid status item: " + item.text);
        status.items.push_back(ascii_upper(item.text));
    }
    return status;
}

}  // namespace roost::imap::proto
