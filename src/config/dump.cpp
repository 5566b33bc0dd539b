// Settings -> config text, like doveconf: `roostadm config` prints what roostd would use, and
// the output is itself a valid config file (parse_text + build_settings read it back to the
// same Settings), so an admin can save it and start from it.
#include <algorithm>

#include "config/lexer.hpp"
#include "config/load.hpp"

namespace roost::config {
namespace {

using lexer::quote_value;

std::string joined(const std::vector<std::string>& words, const char* sep) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : sep) + w;
    return out;
}

const char* ssl_name(SslMode mode) {
    switch (mode) {
    case SslMode::No: return "no";
    case SslMode::Yes: return "yes";
    case SslMode::Required: return "required";
    }
    return "yes";
}

std::string setting(const std::string& indent, const std::string& key, const std::string& text) {
    return indent + key + (text.empty() ? " =" : " = " + text) + "\n";
}

// PEM text is printed as `<path` when it came from a file; PEM handed over in memory has no
// one-line form, so it is shown as a comment (and the dump is not re-readable in that case).
std::string pem_setting(const std::string& key, const std::string& pem, const std::string& file) {
    if (!file.empty()) return key + " = <" + quote_value(file) + "\n";
    if (pem.empty()) return setting("", key, "");
    return "# " + key + " = (" + std::to_string(pem.size()) + " bytes of PEM not read from a file)\n";
}

bool same_database(const Database& a, const Database& b) { return a.driver == b.driver && a.args == b.args; }

std::string database_section(const char* name, const Database& db) {
    if (db.driver.empty() && db.args.empty()) return "";
    return std::string(name) + " {\n" + setting("  ", "driver", quote_value(db.driver)) +
           setting("  ", "args", quote_value(db.args)) + "}\n";
}

const InetListener* find_listener(const Service* service, const std::string& name) {
    if (!service) return nullptr;
    for (const auto& l : service->inet_listeners)
        if (l.name == name) return &l;
    return nullptr;
}

bool same_listener(const InetListener& a, const InetListener& b) {
    return a.address == b.address && a.port == b.port && a.ssl == b.ssl;
}

std::string service_section(const Service& service, const Settings& defaults, bool only_changed) {
    std::string body;
    for (const auto& l : service.inet_listeners) {
        const InetListener* d = find_listener(defaults.find_service(service.name), l.name);
        if (only_changed && d && same_listener(l, *d)) continue;
        body += "  inet_listener " + quote_value(l.name) + " {\n";
        body += setting("    ", "address", quote_value(l.address));
        body += setting("    ", "port", std::to_string(l.port));
        body += setting("    ", "ssl", l.ssl ? "yes" : "no");
        body += "  }\n";
    }
    if (body.empty() && only_changed) return "";
    return "service " + quote_value(service.name) + " {\n" + body + "}\n";
}

}  // namespace

std::string dump_settings(const Settings& s, bool only_changed) {
    const Settings d = builtin_defaults();
    std::string out;
    auto put = [&](bool changed, const std::string& text) {
        if (!only_changed || changed) out += text;
    };
    put(s.listen != d.listen, setting("", "listen", quote_value(joined(s.listen, ", "))));
    put(s.protocols != d.protocols, setting("", "protocols", quote_value(joined(s.protocols, " "))));
    put(s.ssl != d.ssl, setting("", "ssl", ssl_name(s.ssl)));
    put(s.ssl_cert != d.ssl_cert, pem_setting("ssl_cert", s.ssl_cert, s.ssl_cert_file));
    put(s.ssl_key != d.ssl_key, pem_setting("ssl_key", s.ssl_key, s.ssl_key_file));
    put(s.disable_plaintext_auth != d.disable_plaintext_auth,
        setting("", "disable_plaintext_auth", s.disable_plaintext_auth ? "yes" : "no"));
    put(s.auth_mechanisms != d.auth_mechanisms, setting("", "auth_mechanisms", quote_value(joined(s.auth_mechanisms, " "))));
    put(s.mail_location != d.mail_location, setting("", "mail_location", quote_value(s.mail_location)));
    put(s.log_level != d.log_level, setting("", "log_level", quote_value(s.log_level)));
    put(!same_database(s.passdb, d.passdb), database_section("passdb", s.passdb));
    put(!same_database(s.userdb, d.userdb), database_section("userdb", s.userdb));
    for (const auto& service : s.services) out += service_section(service, d, only_changed);
    return out;
}

}  // namespace roost::config
