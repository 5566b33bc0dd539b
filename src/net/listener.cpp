// Listener: binds (IPv4 or IPv6), listens, and turns each accepted socket into a
// TcpConnection handed to the session factory. Implicit-TLS listeners put the connection in
// TLS mode before the session exists, so the greeting it writes waits for the handshake.
#include "net/listener.hpp"

#include <netinet/in.h>

#include <exception>
#include <string>
#include <utility>

#include "base/log.hpp"
#include "net/loop_impl.hpp"
#include "net/tcp_connection.hpp"

namespace roost::net {
namespace {

constexpr int kBacklog = 128;

// The uv handle and what accept needs. It lives on the heap until uv_close's callback, so
// the Listener object (owned by the daemon) and Loop::stop() may each close it, in any order.
struct ListenState {
    uv_tcp_t handle{};
    Loop::Impl* loop = nullptr;
    ListenSpec spec;
    std::shared_ptr<TlsContext> tls;
    SessionFactory factory;
    bool closing = false;
    std::shared_ptr<ListenState> self;  // keeps the state alive until the close callback

    void close() {
        if (closing) return;
        closing = true;
        uv_close(reinterpret_cast<uv_handle_t*>(&handle), [](uv_handle_t* h) {
            auto* state = static_cast<ListenState*>(h->data);
            state->self.reset();  // may free `state`
        });
    }

    void on_connection(int status) {
        if (status < 0) {
            log::warning("net", spec.name + ": accept: " + uv_strerror(status));
            return;
        }
        std::string error;
        TcpConnection* conn = TcpConnection::accept(*loop, reinterpret_cast<uv_stream_t*>(&handle), tls, error);
        if (conn == nullptr) {
            log::warning("net", spec.name + ": " + error);
            return;
        }
        if (spec.implicit_tls && !conn->start_tls()) {
            conn->attach(nullptr);  // closes it
            return;
        }
        std::shared_ptr<ByteSink> sink;
        try {
            sink = factory(*conn);
        } catch (const std::exception& e) {
            log::error("net", spec.name + ": cannot create session: " + e.what());
        } catch (...) {
            log::error("net", spec.name + ": cannot create session");
        }
        conn->attach(std::move(sink));
    }
};

class TcpListener final : public Listener {
public:
    TcpListener(std::shared_ptr<ListenState> state, uint16_t port) : state_(std::move(state)), port_(port) {}
    ~TcpListener() override {
        if (auto state = state_.lock()) state->close();
    }
    uint16_t bound_port() const override { return port_; }

private:
    std::weak_ptr<ListenState> state_;
    uint16_t port_;
};

// "*" means every IPv4 address and "::" every IPv6 address, as in Dovecot's `listen`.
// "[::1]" is accepted as "::1".
Result<sockaddr_storage> parse_address(std::string address, uint16_t port) {
    if (address == "*") address = "0.0.0.0";
    if (address.size() >= 2 && address.front() == '[' && address.back() == ']')
        address = address.substr(1, address.size() - 2);
    sockaddr_storage ss{};
    if (uv_ip4_addr(address.c_str(), port, reinterpret_cast<sockaddr_in*>(&ss)) == 0) return ss;
    ss = {};
    if (uv_ip6_addr(address.c_str(), port, reinterpret_cast<sockaddr_in6*>(&ss)) == 0) return ss;
    return make_error("not an IP address: " + address);
}

}  // namespace

Result<std::unique_ptr<Listener>> Listener::open(Loop& loop, const ListenSpec& spec, std::shared_ptr<TlsContext> tls,
                                                 SessionFactory factory) {
    std::string where = spec.address + ":" + std::to_string(spec.port);
    if (spec.implicit_tls && !tls) return make_error("cannot listen on " + where + ": TLS listener without a certificate");
    auto addr = parse_address(spec.address, spec.port);
    if (!addr) return make_error("cannot listen on " + where + ": " + addr.error().message);
    Loop::Impl& impl = loop.impl();
    if (impl.stopping) return make_error("cannot listen on " + where + ": the server is stopping");

    auto state = std::make_shared<ListenState>();
    state->loop = &impl;
    state->spec = spec;
    state->tls = std::move(tls);
    state->factory = std::move(factory);
    state->self = state;
    uv_tcp_init(&impl.loop, &state->handle);
    state->handle.data = state.get();

    // IPV6ONLY: "::" must not also take the IPv4 port, so that `listen = *, ::` works (Dovecot
    // behaves the same). libuv sets SO_REUSEADDR itself on Unix before bind.
    unsigned flags = addr->ss_family == AF_INET6 ? UV_TCP_IPV6ONLY : 0;
    int rc = uv_tcp_bind(&state->handle, reinterpret_cast<const sockaddr*>(&*addr), flags);
    if (rc == 0) {
        rc = uv_listen(reinterpret_cast<uv_stream_t*>(&state->handle), kBacklog, [](uv_stream_t* s, int status) {
            static_cast<ListenState*>(s->data)->on_connection(status);
        });
    }
    if (rc != 0) {
        state->close();
        return make_error("cannot listen on " + where + ": " + uv_strerror(rc));
    }

    sockaddr_storage bound{};
    int len = sizeof bound;
    uint16_t port = spec.port;
    if (uv_tcp_getsockname(&state->handle, reinterpret_cast<sockaddr*>(&bound), &len) == 0) {
        port = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                                 : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
    }
    std::weak_ptr<ListenState> weak = state;
    loop.on_stop([weak] {
        if (auto s = weak.lock()) s->close();
    });
    return std::unique_ptr<Listener>(std::make_unique<TcpListener>(state, port));
}

}  // namespace roost::net
