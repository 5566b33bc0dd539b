// A TCP listener that turns accepted sockets into Connections and hands each to a session
// factory. Implicit-TLS listeners (IMAPS 993, POP3S 995) start the handshake at once.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "base/result.hpp"
#include "net/connection.hpp"
#include "net/loop.hpp"
#include "net/tls_context.hpp"

namespace roost::net {

struct ListenSpec {
    std::string address;  // "127.0.0.1", "::", "*" (all IPv4) ...
    uint16_t port = 0;    // 0: the kernel picks; see Listener::bound_port()
    bool implicit_tls = false;
    std::string name;     // for logs: "imap", "imaps", "pop3", "pop3s"
};

// Builds the session for a new connection. The Connection outlives the call and stays valid
// until the sink's on_closed(); the connection keeps the returned sink alive until then.
using SessionFactory = std::function<std::shared_ptr<ByteSink>(Connection& connection)>;

class Listener {
public:
    virtual ~Listener() = default;
    virtual uint16_t bound_port() const = 0;

    // `tls` may be null (then STARTTLS is unavailable and implicit_tls is an error).
    static Result<std::unique_ptr<Listener>> open(Loop& loop, const ListenSpec& spec,
                                                  std::shared_ptr<TlsContext> tls, SessionFactory factory);
};

}  // namespace roost::net
