// Authenticator::expand_mail_location: Dovecot's mail_location syntax, reduced to what the
// Maildir backend needs now: "maildir:PATH[:KEY=VALUE...]" with %u %n %d %h %% and "~/".
#include <string>

#include "auth/authenticator.hpp"
#include "base/strings.hpp"

namespace roost::auth {
namespace {

std::string_view local_part(std::string_view name) {
    auto at = name.find('@');
    return at == std::string_view::npos ? name : name.substr(0, at);
}

std::string_view domain_part(std::string_view name) {
    auto at = name.find('@');
    return at == std::string_view::npos ? std::string_view() : name.substr(at + 1);
}

Result<std::string> expand_variables(std::string_view path, const UserRecord& user) {
    std::string out;
    for (size_t i = 0; i < path.size(); ++i) {
        char c = path[i];
        if (c != '%') {
            out += c;
            continue;
        }
        if (i + 1 == path.size()) return make_error("mail location ends with a lone '%'");
        char var = path[++i];
        switch (var) {
            case 'u': out += user.name; break;
            case 'n': out += local_part(user.name); break;
            case 'd': out += domain_part(user.name); break;
            case '%': out += '%'; break;
            case 'h':
                if (user.home.empty()) return make_error("mail location uses %h but user " + user.name + " has no home");
                out += user.home;
                break;
            default: return make_error(std::string("unknown variable %") + var + " in mail location");
        }
    }
    return out;
}

}  // namespace

Result<std::string> Authenticator::expand_mail_location(const std::string& location, const UserRecord& user) {
    std::string_view rest = location;
    // The storage driver prefix. Without one, Dovecot guesses; a bare absolute or home path
    // can only mean Maildir here, and any other driver is not something Roost serves.
    if (istarts_with(rest, "maildir:")) {
        rest.remove_prefix(8);
    } else if (!(rest.empty() || rest.front() == '/' || rest.front() == '~' || rest.front() == '%')) {
        auto colon = rest.find(':');
        if (colon != std::string_view::npos) {
            return make_error("unsupported mail storage '" + std::string(rest.substr(0, colon)) + "'");
        }
    }
    // Dovecot appends options after the path (":INDEX=...", ":LAYOUT=fs"); they are split off
    // before expansion so that a ':' inside a home directory cannot be mistaken for one.
    rest = rest.substr(0, rest.find(':'));
    if (rest.empty()) return make_error("mail location has no path");

    std::string path;
    if (rest == "~" || rest.substr(0, 2) == "~/") {
        if (user.home.empty()) return make_error("mail location uses ~ but user " + user.name + " has no home");
        path = user.home;
        rest.remove_prefix(1);
    }
    auto expanded = expand_variables(rest, user);
    if (!expanded) return expanded.error();
    path += *expanded;
    if (path.empty() || path.front() != '/') return make_error("mail location '" + path + "' is not an absolute path");
    return path;
}

}  // namespace roost::auth
