#include "config/settings.hpp"

#include "config/lexer.hpp"

namespace roost::config {

const Service* Settings::find_service(const std::string& name) const {
    for (const auto& service : services)
        if (service.name == name) return &service;
    return nullptr;
}

Settings builtin_defaults() {
    Settings s;
    s.listen = {"*"};
    s.protocols = {"imap", "pop3"};
    s.ssl = SslMode::Yes;
    s.disable_plaintext_auth = true;
    s.auth_mechanisms = {"plain"};
    s.log_level = "info";
    // The IANA ports: RFC 3501 §2.1 / RFC 8314 §7.3 (imap 143, imaps 993); RFC 1939 §3 /
    // RFC 8314 §7.3 (pop3 110, pop3s 995). Empty address: follow `listen`.
    s.services = {
        Service{"imap-login", {InetListener{"imap", "", 143, false}, InetListener{"imaps", "", 993, true}}},
        Service{"pop3-login", {InetListener{"pop3", "", 110, false}, InetListener{"pop3s", "", 995, true}}},
    };
    return s;
}

std::string embedded_default_config(const std::string& home) {
    using lexer::quote_value;
    // Built as text and read by the same parser as any file, so that the embedded default
    // cannot drift from what the parser accepts and `roostadm config` shows it like any other.
    std::string text;
    text += "# Embedded default of roostd without -c: loopback only, state under the home folder\n";
    text += "listen = 127.0.0.1\n";
    text += "protocols = imap pop3\n";
    text += "ssl = yes\n";
    text += "ssl_cert = <" + quote_value(home + "/ssl/roost-cert.pem") + "\n";
    text += "ssl_key = <" + quote_value(home + "/ssl/roost-key.pem") + "\n";
    text += "disable_plaintext_auth = yes\n";
    text += "auth_mechanisms = plain login\n";
    text += "mail_location = " + quote_value("maildir:" + home + "/mail/%d/%n/Maildir") + "\n";
    text += "log_level = info\n";
    for (const char* db : {"passdb", "userdb"}) {
        text += std::string(db) + " {\n";
        text += "  driver = sqlite\n";
        text += "  args = " + quote_value(home + "/users.db") + "\n";
        text += "}\n";
    }
    // High ports so that roostd runs without root; 10143 and 10110 offer STARTTLS / STLS.
    text += "service imap-login {\n"
            "  inet_listener imap {\n    port = 10143\n    ssl = no\n  }\n"
            "  inet_listener imaps {\n    port = 10993\n    ssl = yes\n  }\n"
            "}\n";
    text += "service pop3-login {\n"
            "  inet_listener pop3 {\n    port = 10110\n    ssl = no\n  }\n"
            "  inet_listener pop3s {\n    port = 10995\n    ssl = yes\n  }\n"
            "}\n";
    return text;
}

}  // namespace roost::config
