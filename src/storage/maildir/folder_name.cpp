#include "storage/maildir/folder_name.hpp"

#include "base/strings.hpp"
#include "mail/mutf7.hpp"

namespace roost::storage::maildir {
namespace {

constexpr size_t kNameMax = 255;

// InvalidName messages are whole sentences that a protocol may show (imap/reply.cpp).
Failure invalid(std::string why) { return Failure{ErrorCode::InvalidName, "Invalid mailbox name: " + why}; }

}  // namespace

SResult<FolderName> resolve_folder_name(std::string_view name) {
    // The reasons are worded as Dovecot words them, since clients show them to users.
    if (name.empty()) return invalid("Name is empty");
    if (name.front() == MailStore::kSeparator) return invalid("Begins with hierarchy separator");
    if (name.back() == MailStore::kSeparator) return invalid("Ends with hierarchy separator");
    // A leading '~' is a home directory to shells and to Dovecot's mail_location expansion.
    if (name.front() == '~') return invalid("Begins with '~'");
    for (char c : name) {
        auto u = static_cast<unsigned char>(c);
        if (c == '/') return invalid("Name must not have '/' characters");
        if (u < 0x20 || u == 0x7f) return invalid("Name must not have control characters");
    }
    std::string canonical;
    auto levels = split(name, MailStore::kSeparator);
    for (size_t i = 0; i < levels.size(); ++i) {
        if (levels[i].empty()) return invalid("Has adjacent hierarchy separators");
        if (i > 0) canonical += MailStore::kSeparator;
        canonical += (i == 0 && iequals(levels[i], "INBOX")) ? std::string("INBOX") : std::string(levels[i]);
    }
    if (canonical == "INBOX") return FolderName{canonical, ""};
    std::string encoded = mail::utf8_to_mutf7(canonical);
    auto back = mail::mutf7_to_utf8(encoded);
    if (!back || *back != canonical) return invalid("Name is not valid UTF-8");
    if (encoded.size() + 1 > kNameMax) return Failure{ErrorCode::InvalidName, "Mailbox name too long"};
    return FolderName{canonical, "." + encoded};
}

std::optional<std::string> folder_name_from_dir(std::string_view dir_entry) {
    if (dir_entry.size() < 2 || dir_entry[0] != '.') return std::nullopt;
    auto decoded = mail::mutf7_to_utf8(dir_entry.substr(1));
    if (!decoded) return std::nullopt;
    auto resolved = resolve_folder_name(*decoded);
    if (!resolved || resolved->is_inbox() || resolved->dir_name != dir_entry) return std::nullopt;
    return resolved->name;
}

}  // namespace roost::storage::maildir
