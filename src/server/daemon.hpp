// The roostd daemon: from validated Settings to listening sockets and running sessions.
#pragma once

#include <deque>
#include <memory>
#include <vector>

#include "auth/authenticator.hpp"
#include "base/result.hpp"
#include "config/settings.hpp"
#include "imap/context.hpp"
#include "net/listener.hpp"
#include "net/loop.hpp"
#include "net/tls_context.hpp"
#include "pop3/context.hpp"

namespace roost::server {

class Daemon {
public:
    explicit Daemon(config::Settings settings);
    ~Daemon();
    Daemon(const Daemon&) = delete;
    Daemon& operator=(const Daemon&) = delete;

    // Loads the certificate and opens every configured listener; an error names what failed.
    Result<void> start();
    // Runs until SIGTERM/SIGINT, then until the sessions have closed.
    void run();

private:
    Result<void> open_service(const std::string& protocol);
    Result<void> open_listener(const std::string& protocol, const config::InetListener& inet,
                               const std::string& address);

    config::Settings settings_;
    net::Loop loop_;
    std::shared_ptr<net::TlsContext> tls_;
    std::unique_ptr<auth::Authenticator> authenticator_;
    // Stable addresses: sessions keep references to their context.
    std::deque<imap::Context> imap_contexts_;
    std::deque<pop3::Context> pop3_contexts_;
    std::vector<std::unique_ptr<net::Listener>> listeners_;
};

}  // namespace roost::server
