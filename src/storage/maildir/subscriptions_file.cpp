#include "storage/maildir/subscriptions_file.hpp"

#include <algorithm>

#include "base/strings.hpp"
#include "storage/mail_store.hpp"
#include "mail/mutf7.hpp"
#include "storage/maildir/folder_name.hpp"

namespace roost::storage::maildir {
namespace {

constexpr char kLevelSeparator = '\t';
constexpr char kEscape = '\x01';

std::string unescape_level(std::string_view level) {
    std::string out;
    for (size_t i = 0; i < level.size(); ++i) {
        if (level[i] != kEscape || i + 1 == level.size()) {
            out += level[i];
            continue;
        }
        switch (level[++i]) {
            case '1': out += kEscape; break;
            case 't': out += '\t'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case '0': out += '\0'; break;
            default: out += level[i];
        }
    }
    return out;
}

}  // namespace

std::vector<std::string> parse_subscriptions(std::string_view content) {
    auto lines = split(content, '\n');
    bool version2 = !lines.empty() && lines[0].substr(0, 2) == "V\t";
    std::vector<std::string> names;
    for (size_t i = version2 ? 1 : 0; i < lines.size(); ++i) {
        std::string_view line = lines[i];
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) continue;
        std::string on_disk;
        if (version2) {
            auto levels = split(line, kLevelSeparator);
            for (size_t k = 0; k < levels.size(); ++k) {
                if (k > 0) on_disk += MailStore::kSeparator;
                on_disk += unescape_level(levels[k]);
            }
        } else {
            on_disk = std::string(line);
        }
        auto utf8 = mail::mutf7_to_utf8(on_disk);
        if (!utf8) continue;
        auto resolved = resolve_folder_name(*utf8);
        if (!resolved) continue;
        if (std::find(names.begin(), names.end(), resolved->name) == names.end()) names.push_back(resolved->name);
    }
    return names;
}

std::string format_subscriptions(const std::vector<std::string>& names) {
    std::string out = "V\t2\n\n";
    for (const auto& name : names) {
        std::string encoded = mail::utf8_to_mutf7(name);
        std::replace(encoded.begin(), encoded.end(), MailStore::kSeparator, kLevelSeparator);
        out += encoded + "\n";
    }
    return out;
}

}  // namespace roost::storage::maildir
