// canonical_user_name: the one place that decides what a user name may be. Names end up as
// path components (%n and %d in mail_location), so anything that could walk out of a
// directory or confuse a log line is refused here, before any lookup.
#include <string>
#include <string_view>

#include "auth/user_store.hpp"
#include "base/strings.hpp"

namespace roost::auth {
namespace {

// RFC 5321 section 4.5.3.1: local part up to 64 octets, domain up to 255; 320 bounds the
// whole address so that a hostile client cannot make us lower-case megabytes.
constexpr size_t kMaxNameLength = 320;

bool is_unsafe_byte(unsigned char c) {
    // Control characters (including NUL and DEL), whitespace and the path separator.
    return c < 0x20 || c == 0x7f || c == ' ' || c == '/';
}

Result<void> check_part(std::string_view part, std::string_view which) {
    if (part.empty()) return make_error("empty " + std::string(which));
    if (part.front() == '.') return make_error(std::string(which) + " starts with '.'");
    if (part.find("..") != std::string_view::npos) return make_error(std::string(which) + " contains '..'");
    for (unsigned char c : part) {
        if (is_unsafe_byte(c)) return make_error(std::string(which) + " contains an unsafe character");
    }
    return {};
}

}  // namespace

Result<std::string> canonical_user_name(std::string_view name) {
    if (name.size() > kMaxNameLength) return make_error("user name too long");
    auto at = name.find('@');
    if (at == std::string_view::npos) return make_error("user name must be user@domain");
    // Exactly one '@': quoted local parts with '@' (RFC 5322 section 3.4.1) are legal in mail
    // but never worth the ambiguity in a login name.
    if (name.find('@', at + 1) != std::string_view::npos) return make_error("user name has more than one '@'");
    if (auto r = check_part(name.substr(0, at), "local part"); !r) return r.error();
    if (auto r = check_part(name.substr(at + 1), "domain"); !r) return r.error();
    return ascii_lower(name);
}

}  // namespace roost::auth
