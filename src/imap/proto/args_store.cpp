// STORE arguments (RFC 3501 §6.4.6):
//   store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP (flag-list / (flag *(SP flag)))
#include "base/strings.hpp"
#include "imap/proto/args.hpp"

namespace roost::imap::proto {

Result<StoreArgs> parse_store(const std::vector<Token>& args) {
    if (args.size() < 3) return make_error("Missing argument");
    auto set = parse_sequence_set(args[0]);
    if (!set) return set.error();
    StoreArgs store;
    store.set = std::move(*set);

    if (!args[1].is_atom()) return make_error("Invalid STORE data item");
    std::string item = ascii_upper(args[1].text);
    if (!item.empty() && (item[0] == '+' || item[0] == '-')) {
        store.operation = item[0] == '+' ? StoreArgs::Operation::Add : StoreArgs::Operation::Remove;
        item.erase(0, 1);
    }
    if (item == "FLAGS.SILENT")
        store.silent = true;
    else if (item != "FLAGS")
        return make_error("Invalid STORE data item: " + args[1].text);

    if (args.size() == 3 && args[2].kind == Token::Kind::List) {
        auto flags = parse_flag_list(args[2]);
        if (!flags) return flags.error();
        store.flags = std::move(*flags);
        return store;
    }
    for (size_t i = 2; i < args.size(); ++i) {
        auto flag = parse_flag(args[i]);
        if (!flag) return make_error("Invalid flag: " + args[i].text);
        store.flags.push_back(std::move(*flag));
    }
    return store;
}

}  // namespace roost::imap::proto
