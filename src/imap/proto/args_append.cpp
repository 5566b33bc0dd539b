// APPEND arguments (RFC 3501 §6.3.11): append = "APPEND" SP mailbox [SP flag-list]
// [SP date-time] SP literal
#include "imap/proto/args.hpp"
#include "imap/proto/datetime.hpp"

namespace roost::imap::proto {

Result<AppendArgs> parse_append(std::vector<Token> args) {
    if (auto ok = expect_args(args, 2, 4); !ok) return ok.error();
    AppendArgs append;
    auto mailbox = parse_mailbox(args[0]);
    if (!mailbox) return mailbox.error();
    append.mailbox = std::move(*mailbox);

    size_t next = 1;
    if (next < args.size() - 1 && args[next].kind == Token::Kind::List) {
        auto flags = parse_flag_list(args[next]);
        if (!flags) return flags.error();
        append.flags = std::move(*flags);
        ++next;
    }
    if (next < args.size() - 1 && args[next].kind == Token::Kind::Quoted) {
        auto date = parse_date_time(args[next].text);
        if (!date) return make_error("Invalid date-time");
        append.internal_date = *date;
        ++next;
    }
    if (next != args.size() - 1) return make_error("Invalid arguments");
    if (args[next].kind != Token::Kind::Literal) return make_error("Message must be a literal");
    append.message = std::move(args[next].text);
    return append;
}

}  // namespace roost::imap::proto
