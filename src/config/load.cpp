// Parsed nodes -> Settings: every key and section is checked here, against the built-in
// defaults, and the first problem stops loading with "file:line: reason".
#include "config/load.hpp"

#include <algorithm>
#include <optional>

#include "base/strings.hpp"
#include "config/error.hpp"
#include "config/values.hpp"

namespace roost::config {
namespace {

const std::vector<std::string> known_protocols = {"imap", "pop3"};
// RFC 4616 (PLAIN) and the LOGIN mechanism of draft-murchison-sasl-login.
const std::vector<std::string> known_mechanisms = {"plain", "login"};
const std::vector<std::string> known_services = {"imap-login", "pop3-login"};

bool contains(const std::vector<std::string>& list, const std::string& word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

std::string section_title(const Node& node) { return node.value.empty() ? node.key : node.key + " " + node.value; }

class Builder {
public:
    Result<void> apply(const std::vector<Node>& nodes);
    Result<Settings> finish();

private:
    Result<void> top_setting(const Node& node);
    Result<void> pem(const Node& node, std::string& pem_text, std::string& pem_file);
    Result<void> database(const Node& node, Database& db, std::optional<Location>& seen);
    Result<void> service(const Node& node);
    Result<void> listener(const Node& node, Service& service);

    Settings s_ = builtin_defaults();
    std::optional<Location> ssl_at_;
    std::optional<Location> passdb_at_;
    std::optional<Location> userdb_at_;
    std::vector<std::pair<std::string, Location>> listener_at_;  // "service/listener" -> where
};

Result<void> Builder::apply(const std::vector<Node>& nodes) {
    for (const auto& node : nodes) {
        Result<void> r;
        if (node.kind == Node::Kind::Setting) {
            r = top_setting(node);
        } else if (node.key == "passdb") {
            r = database(node, s_.passdb, passdb_at_);
        } else if (node.key == "userdb") {
            r = database(node, s_.userdb, userdb_at_);
        } else if (node.key == "service") {
            r = service(node);
        } else {
            r = error_at(node.where, "unknown section '" + node.key + "'");
        }
        if (!r) return r;
    }
    return {};
}

Result<void> Builder::top_setting(const Node& node) {
    const std::string& key = node.key;
    const std::string& value = node.value;
    auto bad = [&](const std::string& why) { return error_at(node.where, key + ": " + why); };
    if (key == "listen") {
        auto list = values::parse_address_list(value);
        if (!list) return bad(list.error().message);
        s_.listen = std::move(*list);
    } else if (key == "protocols") {
        auto list = values::parse_word_list(value);
        for (const auto& p : list)
            if (!contains(known_protocols, p)) return bad("unknown protocol '" + p + "' (known: imap pop3)");
        s_.protocols = std::move(list);
    } else if (key == "ssl") {
        std::string mode = ascii_lower(value);
        if (mode == "no") s_.ssl = SslMode::No;
        else if (mode == "yes") s_.ssl = SslMode::Yes;
        else if (mode == "required") s_.ssl = SslMode::Required;
        else return bad("'" + value + "' is not one of no, yes, required");
        ssl_at_ = node.where;
    } else if (key == "ssl_cert") {
        return pem(node, s_.ssl_cert, s_.ssl_cert_file);
    } else if (key == "ssl_key") {
        return pem(node, s_.ssl_key, s_.ssl_key_file);
    } else if (key == "disable_plaintext_auth") {
        auto b = values::parse_bool(value);
        if (!b) return bad("'" + value + "' is not yes or no");
        s_.disable_plaintext_auth = *b;
    } else if (key == "auth_mechanisms") {
        auto list = values::parse_word_list(value);
        if (list.empty()) return bad("at least one mechanism is needed (plain, login)");
        for (const auto& m : list)
            if (!contains(known_mechanisms, m)) return bad("unknown mechanism '" + m + "' (known: plain login)");
        s_.auth_mechanisms = std::move(list);
    } else if (key == "mail_location") {
        // Only Maildir for now; %u %n %d %h stay verbatim and are expanded per user by auth.
        if (!value.empty() && (!istarts_with(value, "maildir:") || value.size() == 8))
            return bad("'" + value + "' is not maildir:PATH (the only mailbox format Roost serves)");
        s_.mail_location = value;
    } else if (key == "log_level") {
        std::string level = ascii_lower(value);
        if (level != "debug" && level != "info" && level != "warning" && level != "error")
            return bad("'" + value + "' is not one of debug, info, warning, error");
        s_.log_level = level;
    } else {
        return error_at(node.where, "unknown setting '" + key + "'");
    }
    return {};
}

Result<void> Builder::pem(const Node& node, std::string& pem_text, std::string& pem_file) {
    // Dovecot takes the PEM text itself; a path without '<' is the classic mistake.
    if (!node.value.empty() && node.value.find("-----BEGIN ") == std::string::npos) {
        std::string hint = node.value_file.empty() ? " (did you forget '<', as in " + node.key + " = </path/file.pem?)"
                                                   : " (" + node.value_file + " holds no PEM block)";
        return error_at(node.where, node.key + ": not PEM text" + hint);
    }
    pem_text = node.value;
    pem_file = node.value_file;
    return {};
}

Result<void> Builder::database(const Node& node, Database& db, std::optional<Location>& seen) {
    if (seen) return error_at(node.where, "only one " + node.key + " section is supported (the first is at " +
                                              seen->file + ":" + std::to_string(seen->line) + ")");
    seen = node.where;
    for (const auto& child : node.children) {
        if (child.kind == Node::Kind::Section)
            return error_at(child.where, "unknown section '" + child.key + "' in " + node.key);
        if (child.key == "driver") {
            if (child.value != "sqlite")
                return error_at(child.where, node.key + " driver '" + child.value + "' is not supported (only sqlite)");
            db.driver = child.value;
        } else if (child.key == "args") {
            db.args = child.value;
        } else {
            return error_at(child.where, "unknown setting '" + child.key + "' in " + node.key);
        }
    }
    if (db.driver.empty()) return error_at(node.where, node.key + " needs driver = sqlite");
    if (db.args.empty()) return error_at(node.where, node.key + " needs args = PATH of the SQLite database");
    return {};
}

Result<void> Builder::service(const Node& node) {
    if (!contains(known_services, node.value))
        return error_at(node.where, "unknown service '" + node.value + "' (known: imap-login pop3-login)");
    // Like Dovecot, a service written again (or over the defaults) is merged by name.
    auto it = std::find_if(s_.services.begin(), s_.services.end(), [&](const Service& s) { return s.name == node.value; });
    if (it == s_.services.end()) it = s_.services.insert(s_.services.end(), Service{node.value, {}});
    for (const auto& child : node.children) {
        if (child.kind == Node::Kind::Setting)
            return error_at(child.where, "unknown setting '" + child.key + "' in service " + node.value);
        if (child.key != "inet_listener")
            return error_at(child.where, "unknown section '" + child.key + "' in service " + node.value);
        auto r = listener(child, *it);
        if (!r) return r;
    }
    return {};
}

Result<void> Builder::listener(const Node& node, Service& service) {
    if (node.value.empty()) return error_at(node.where, "inet_listener needs a name (e.g. inet_listener imap {)");
    auto it = std::find_if(service.inet_listeners.begin(), service.inet_listeners.end(),
                           [&](const InetListener& l) { return l.name == node.value; });
    if (it == service.inet_listeners.end())
        it = service.inet_listeners.insert(service.inet_listeners.end(), InetListener{node.value, "", 0, false});
    listener_at_.emplace_back(service.name + "/" + node.value, node.where);
    for (const auto& child : node.children) {
        if (child.kind == Node::Kind::Section)
            return error_at(child.where, "unknown section '" + child.key + "' in " + section_title(node));
        auto bad = [&](const std::string& why) { return error_at(child.where, child.key + ": " + why); };
        if (child.key == "address") {
            // One address per listener; more would need one socket each (use `listen`).
            if (!child.value.empty() && !values::is_listen_address(child.value))
                return bad("'" + child.value + "' is not one address");
            it->address = child.value;
        } else if (child.key == "port") {
            auto port = values::parse_port(child.value);
            if (!port) return bad("'" + child.value + "' is not a port number (0-65535)");
            it->port = *port;
        } else if (child.key == "ssl") {
            auto b = values::parse_bool(child.value);
            if (!b) return bad("'" + child.value + "' is not yes or no");
            it->ssl = *b;
        } else {
            return error_at(child.where, "unknown setting '" + child.key + "' in " + section_title(node));
        }
    }
    return {};
}

Result<Settings> Builder::finish() {
    if (s_.ssl != SslMode::No) {
        for (auto [name, text] : {std::pair{"ssl_cert", &s_.ssl_cert}, std::pair{"ssl_key", &s_.ssl_key}}) {
            if (!text->empty()) continue;
            std::string reason = std::string(name) + " not set: ssl = " + (s_.ssl == SslMode::Yes ? "yes" : "required") +
                                 " needs ssl_cert = </path/cert.pem and ssl_key = </path/key.pem (or set ssl = no)";
            if (ssl_at_) return error_at(*ssl_at_, reason);
            return make_error(reason + "; ssl = yes is the built-in default");
        }
        return s_;
    }
    // ssl = no (always written in a file, so ssl_at_ is set): an implicit-TLS listener
    // could only fail every handshake, so say so instead of starting it.
    for (const auto& service : s_.services) {
        for (const auto& l : service.inet_listeners) {
            if (!l.ssl || l.port == 0) continue;
            Location where = *ssl_at_;
            for (const auto& [id, at] : listener_at_)
                if (id == service.name + "/" + l.name) where = at;
            return error_at(where, "ssl = no, but service " + service.name + " inet_listener " + l.name +
                                       " (port " + std::to_string(l.port) +
                                       ") has ssl = yes: set its port = 0, or enable ssl");
        }
    }
    return s_;
}

}  // namespace

Result<Settings> build_settings(const std::vector<Node>& nodes) {
    Builder builder;
    auto applied = builder.apply(nodes);
    if (!applied) return applied.error();
    return builder.finish();
}

Result<Settings> load_file(const std::string& path) {
    auto nodes = parse_file(path);
    if (!nodes) return nodes.error();
    return build_settings(*nodes);
}

}  // namespace roost::config
