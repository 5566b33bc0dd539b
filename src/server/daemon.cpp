// Daemon wiring: TLS context, authenticator, one listener per (service inet_listener,
// address), and the signals that stop it. Dovecot semantics: `port = 0` disables a
// listener; a listener without its own `address` binds every address of `listen`.
#include "server/daemon.hpp"

#include <csignal>
#include <string>
#include <utility>

#include "base/log.hpp"

namespace roost::server {
namespace {

log::Level parse_level(const std::string& name) {
    if (name == "debug") return log::Level::Debug;
    if (name == "warning") return log::Level::Warning;
    if (name == "error") return log::Level::Error;
    return log::Level::Info;
}

// "127.0.0.1:10143", "[::1]:10143".
std::string host_port(const std::string& address, uint16_t port) {
    bool v6 = address.find(':') != std::string::npos;
    return (v6 ? "[" + address + "]" : address) + ":" + std::to_string(port);
}

}  // namespace

Daemon::Daemon(config::Settings settings) : settings_(std::move(settings)) {}

Daemon::~Daemon() {
    // Listeners close before the loop that owns their handles goes away.
    listeners_.clear();
}

Result<void> Daemon::start() {
    log::set_min_level(parse_level(settings_.log_level));
    if (settings_.ssl != config::SslMode::No) {
        auto tls = net::TlsContext::from_pem(settings_.ssl_cert, settings_.ssl_key);
        if (!tls) return make_error("TLS: " + tls.error().message);
        tls_ = *tls;
    }
    authenticator_ = std::make_unique<auth::Authenticator>(settings_.passdb.args, settings_.mail_location);
    for (const auto& protocol : settings_.protocols) {
        if (auto r = open_service(protocol); !r) return r;
    }
    if (listeners_.empty()) return make_error("no listener is configured (protocols, service ... inet_listener)");
    return {};
}

Result<void> Daemon::open_service(const std::string& protocol) {
    const config::Service* service = settings_.find_service(protocol + "-login");
    if (service == nullptr) return {};  // a protocol without a login service listens nowhere
    for (const auto& inet : service->inet_listeners) {
        if (inet.port == 0) continue;
        if (inet.ssl && !tls_) continue;  // ssl = no: implicit-TLS listeners stay closed
        if (!inet.address.empty()) {
            if (auto r = open_listener(protocol, inet, inet.address); !r) return r;
            continue;
        }
        for (const auto& address : settings_.listen) {
            if (auto r = open_listener(protocol, inet, address); !r) return r;
        }
    }
    return {};
}

Result<void> Daemon::open_listener(const std::string& protocol, const config::InetListener& inet,
                                   const std::string& address) {
    net::ListenSpec spec;
    spec.address = address;
    spec.port = inet.port;
    spec.implicit_tls = inet.ssl;
    spec.name = inet.name;

    net::SessionFactory factory;
    if (protocol == "imap") {
        const imap::Context& ctx = imap_contexts_.emplace_back(imap::Context{loop_, settings_, *authenticator_, inet.name});
        factory = [&ctx](net::Connection& c) { return imap::make_session(ctx, c); };
    } else if (protocol == "pop3") {
        const pop3::Context& ctx = pop3_contexts_.emplace_back(pop3::Context{loop_, settings_, *authenticator_, inet.name});
        factory = [&ctx](net::Connection& c) { return pop3::make_session(ctx, c); };
    } else {
        return make_error("protocol " + protocol + " is not served by this roostd");
    }

    auto listener = net::Listener::open(loop_, spec, tls_, std::move(factory));
    if (!listener) return listener.error();
    const char* security = inet.ssl ? "TLS" : (tls_ ? "STARTTLS" : "plaintext");
    log::info("master", "listening on " + host_port(address, (*listener)->bound_port()) + " (" + inet.name + ", " +
                            security + ")");
    listeners_.push_back(std::move(listener.value()));
    return {};
}

void Daemon::run() {
    auto stop = [this] {
        log::info("master", "stopping");
        listeners_.clear();
        loop_.stop();
    };
    loop_.on_signal(SIGTERM, stop);
    loop_.on_signal(SIGINT, stop);
    loop_.run();
    log::info("master", "stopped");
}

}  // namespace roost::server
