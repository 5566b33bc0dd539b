#include "storage/maildir/maildir_filename.hpp"

#include <algorithm>

#include "base/strings.hpp"
#include "storage/mail_store.hpp"

namespace roost::storage::maildir {
namespace {

// Letter for each system flag (Maildir spec, "info" section; Dovecot uses the same table).
struct FlagLetter {
    char letter;
    uint32_t flag;
};
constexpr FlagLetter kFlagLetters[] = {
    {'D', kDraft}, {'F', kFlagged}, {'R', kAnswered}, {'S', kSeen}, {'T', kDeleted},
};

bool is_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// ",S=123" and ",W=456" may appear in any order after the first ',' of the base.
void parse_size_fields(MaildirFilename& out) {
    auto comma = out.base.find(',');
    if (comma == std::string::npos) return;
    for (auto field : split(std::string_view(out.base).substr(comma + 1), ',')) {
        if (field.size() < 3 || field[1] != '=') continue;
        auto value = parse_decimal(field.substr(2));
        if (!value) continue;  // a foreign field that merely looks similar: not ours to judge
        if (field[0] == 'S') out.file_size = *value;
        if (field[0] == 'W') out.crlf_size = *value;
    }
}

}  // namespace

std::optional<MaildirFilename> parse_maildir_filename(std::string_view name) {
    if (name.empty() || name[0] == '.') return std::nullopt;
    MaildirFilename out;
    auto colon = name.find(':');
    out.base = std::string(name.substr(0, colon));
    if (out.base.empty()) return std::nullopt;
    if (colon != std::string_view::npos) {
        auto info = name.substr(colon + 1);
        if (info.substr(0, 2) != "2,") return std::nullopt;
        out.has_info = true;
        for (char c : info.substr(2)) {
            if (!is_letter(c)) return std::nullopt;
            bool system = false;
            for (const auto& fl : kFlagLetters) {
                if (fl.letter == c) {
                    out.flags |= fl.flag;
                    system = true;
                }
            }
            if (!system && out.other_letters.find(c) == std::string::npos) out.other_letters += c;
        }
        std::sort(out.other_letters.begin(), out.other_letters.end());
    }
    parse_size_fields(out);
    return out;
}

std::string maildir_flag_letters(uint32_t flags, std::string_view other_letters) {
    std::string letters;
    for (const auto& fl : kFlagLetters) {
        if (flags & fl.flag) letters += fl.letter;
    }
    for (char c : other_letters) {
        bool system = std::any_of(std::begin(kFlagLetters), std::end(kFlagLetters),
                                  [c](const FlagLetter& fl) { return fl.letter == c; });
        if (is_letter(c) && !system && letters.find(c) == std::string::npos) letters += c;
    }
    // The Maildir spec requires ASCII order, so uppercase precedes the keyword letters.
    std::sort(letters.begin(), letters.end());
    return letters;
}

std::string build_maildir_filename(std::string_view base, uint32_t flags, std::string_view other_letters) {
    return std::string(base) + ":2," + maildir_flag_letters(flags, other_letters);
}

}  // namespace roost::storage::maildir
