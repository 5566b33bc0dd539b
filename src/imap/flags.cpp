#include "imap/flags.hpp"

#include <algorithm>

#include "base/strings.hpp"
#include "imap/proto/writer.hpp"
#include "storage/mail_store.hpp"

namespace roost::imap {
namespace {

struct NamedFlag {
    uint32_t bit;
    const char* name;
};
constexpr NamedFlag kNamed[] = {
    {storage::kAnswered, "\\Answered"}, {storage::kFlagged, "\\Flagged"}, {storage::kDeleted, "\\Deleted"},
    {storage::kSeen, "\\Seen"},         {storage::kDraft, "\\Draft"},
};

bool has_keyword(const std::vector<std::string>& keywords, const std::string& keyword) {
    return std::any_of(keywords.begin(), keywords.end(), [&](const std::string& k) { return iequals(k, keyword); });
}

}  // namespace

std::string flags_announcement(const std::vector<std::string>& keywords, bool read_only) {
    std::string system = "\\Answered \\Flagged \\Deleted \\Seen \\Draft";
    for (const auto& keyword : keywords) system += " " + keyword;
    std::string out = proto::untagged("FLAGS (" + system + ")");
    // RFC 3501 §7.1: \* means clients may create keywords; EXAMINE allows no changes.
    if (read_only) return out + proto::untagged("OK [PERMANENTFLAGS ()] Read-only mailbox.");
    return out + proto::untagged("OK [PERMANENTFLAGS (" + system + " \\*)] Flags permitted.");
}

std::string flag_list(uint32_t flags, const std::vector<std::string>& keywords, bool recent) {
    std::string out = "(";
    auto add = [&](std::string_view name) {
        if (out.size() > 1) out += ' ';
        out.append(name);
    };
    for (const NamedFlag& named : kNamed)
        if (flags & named.bit) add(named.name);
    if (recent) add("\\Recent");
    for (const auto& keyword : keywords) add(keyword);
    out += ')';
    return out;
}

FlagSet to_flag_set(const std::vector<std::string>& names) {
    FlagSet set;
    for (const auto& name : names) {
        bool system = false;
        for (const NamedFlag& named : kNamed) {
            if (iequals(name, named.name)) {
                set.flags |= named.bit;
                system = true;
            }
        }
        if (!system && !has_keyword(set.keywords, name)) set.keywords.push_back(name);
    }
    return set;
}

FlagSet add_flags(const FlagSet& current, const FlagSet& change) {
    FlagSet out = current;
    out.flags |= change.flags;
    for (const auto& keyword : change.keywords)
        if (!has_keyword(out.keywords, keyword)) out.keywords.push_back(keyword);
    return out;
}

FlagSet remove_flags(const FlagSet& current, const FlagSet& change) {
    FlagSet out;
    out.flags = current.flags & ~change.flags;
    for (const auto& keyword : current.keywords)
        if (!has_keyword(change.keywords, keyword)) out.keywords.push_back(keyword);
    return out;
}

bool same_flags(const FlagSet& a, const FlagSet& b) {
    if (a.flags != b.flags || a.keywords.size() != b.keywords.size()) return false;
    for (const auto& keyword : a.keywords)
        if (!has_keyword(b.keywords, keyword)) return false;
    return true;
}

}  // namespace roost::imap
