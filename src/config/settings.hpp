// Typed settings: what the rest of Roost reads after the config files are parsed and checked.
// Names and meanings follow Dovecot where Dovecot has the same setting.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace roost::config {

enum class SslMode { No, Yes, Required };

struct InetListener {
    std::string name;     // "imap", "imaps", "pop3", "pop3s"
    std::string address;  // empty: use the global `listen`
    uint16_t port = 0;    // 0: disabled (Dovecot: port = 0 turns a listener off)
    bool ssl = false;     // implicit TLS
};

struct Service {
    std::string name;  // "imap-login", "pop3-login"
    std::vector<InetListener> inet_listeners;
};

struct Database {
    std::string driver;  // "sqlite"
    std::string args;    // path of the database
};

struct Settings {
    std::vector<std::string> listen;     // addresses, e.g. {"127.0.0.1"}; "*" all IPv4, "::" all IPv6
    std::vector<std::string> protocols;  // "imap", "pop3"
    SslMode ssl = SslMode::Yes;
    std::string ssl_cert;  // PEM text (from `ssl_cert = <file`)
    std::string ssl_key;   // PEM text
    std::string ssl_cert_file;  // absolute path ssl_cert was read from (empty: not from a file)
    std::string ssl_key_file;   // same for ssl_key; dump_settings prints `ssl_key = <path`
    bool disable_plaintext_auth = true;
    std::vector<std::string> auth_mechanisms;  // lower case: "plain", "login"
    std::string mail_location;                 // "maildir:/var/mail/%d/%n/Maildir"
    Database passdb;
    Database userdb;
    std::vector<Service> services;
    std::string log_level;  // "debug", "info", "warning", "error" (built-in default "info")

    // The service called `name`, or nullptr.
    const Service* find_service(const std::string& name) const;
};

// The built-in defaults, before any file is read: listen = *, protocols = imap pop3,
// ssl = yes, disable_plaintext_auth = yes, auth_mechanisms = plain, log_level = info,
// services imap-login {imap 143, imaps 993 ssl} and pop3-login {pop3 110, pop3s 995 ssl}.
Settings builtin_defaults();

// Source text of the embedded default configuration used when roostd runs without -c.
// `home` is the state folder ($ROOST_HOME or ./var): the user database, the Maildirs and the
// generated certificate live under it.
std::string embedded_default_config(const std::string& home);

}  // namespace roost::config
