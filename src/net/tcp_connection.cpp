// TcpConnection: reads into a per-connection buffer, decrypts when TLS is active, hands the
// plaintext to the session; writes go straight to uv_write (libuv keeps the order) with the
// bytes in flight counted for backpressure. Every free happens in a uv_close callback, so
// `this` stays valid for the whole of any callback, even when the session closes mid-way.
#include "net/tcp_connection.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>
#include <exception>
#include <utility>

#include "base/log.hpp"
#include "net/tls_context_impl.hpp"

namespace roost::net {
namespace {

// How long close() waits for queued bytes to reach a peer that stopped reading.
constexpr uint64_t kCloseFlushMs = 10'000;

template <class Handle>
uv_handle_t* as_handle(Handle* h) {
    return reinterpret_cast<uv_handle_t*>(h);
}

// "127.0.0.1"/port from a sockaddr; an IPv4-mapped IPv6 address is shown as IPv4.
void describe_address(const sockaddr_storage& ss, std::string& ip, uint16_t& port, bool* loopback) {
    char text[INET6_ADDRSTRLEN] = "";
    if (ss.ss_family == AF_INET) {
        const auto* sin = reinterpret_cast<const sockaddr_in*>(&ss);
        uv_ip4_name(sin, text, sizeof text);
        port = ntohs(sin->sin_port);
        if (loopback) *loopback = (ntohl(sin->sin_addr.s_addr) >> 24) == 127;
    } else if (ss.ss_family == AF_INET6) {
        const auto* sin6 = reinterpret_cast<const sockaddr_in6*>(&ss);
        port = ntohs(sin6->sin6_port);
        const auto* a = &sin6->sin6_addr;
        if (IN6_IS_ADDR_V4MAPPED(a)) {
            inet_ntop(AF_INET, a->s6_addr + 12, text, sizeof text);
            if (loopback) *loopback = a->s6_addr[12] == 127;
        } else {
            uv_ip6_name(sin6, text, sizeof text);
            if (loopback) *loopback = IN6_IS_ADDR_LOOPBACK(a);
        }
    }
    ip = text;
}

}  // namespace

struct WriteRequest {
    uv_write_t req{};
    std::string data;
    TcpConnection* connection = nullptr;
};

TcpConnection::TcpConnection(Loop::Impl& loop, std::shared_ptr<TlsContext> tls)
    : loop_(loop), tls_context_(std::move(tls)) {}

TcpConnection* TcpConnection::accept(Loop::Impl& loop, uv_stream_t* server, std::shared_ptr<TlsContext> tls,
                                     std::string& error) {
    auto* conn = new TcpConnection(loop, std::move(tls));
    uv_tcp_init(&loop.loop, &conn->tcp_);
    uv_timer_init(&loop.loop, &conn->timer_);
    conn->tcp_.data = conn;
    conn->timer_.data = conn;
    conn->handles_open_ = 2;
    loop.connections.insert(conn);
    int rc = uv_accept(server, reinterpret_cast<uv_stream_t*>(&conn->tcp_));
    if (rc != 0) {
        error = std::string("accept: ") + uv_strerror(rc);
        conn->abort();
        return nullptr;
    }
    uv_tcp_nodelay(&conn->tcp_, 1);
    conn->read_addresses();
    return conn;
}

void TcpConnection::read_addresses() {
    sockaddr_storage ss{};
    int len = sizeof ss;
    if (uv_tcp_getpeername(&tcp_, reinterpret_cast<sockaddr*>(&ss), &len) == 0)
        describe_address(ss, remote_ip_, remote_port_, &remote_loopback_);
    len = sizeof ss;
    ss = {};
    if (uv_tcp_getsockname(&tcp_, reinterpret_cast<sockaddr*>(&ss), &len) == 0)
        describe_address(ss, local_ip_, local_port_, nullptr);
}

void TcpConnection::attach(std::shared_ptr<ByteSink> sink) {
    sink_ = std::move(sink);
    if (!sink_) {
        close();
        return;
    }
    if (!closing_ && !paused_) start_reading();
}

void TcpConnection::start_reading() {
    if (reading_ || closing_) return;
    int rc = uv_read_start(
        reinterpret_cast<uv_stream_t*>(&tcp_),
        [](uv_handle_t* h, size_t, uv_buf_t* buf) {
            auto* self = static_cast<TcpConnection*>(h->data);
            *buf = uv_buf_init(self->loop_.read_buffer.get(), Loop::Impl::kReadBufferSize);
        },
        [](uv_stream_t* s, ssize_t nread, const uv_buf_t* buf) {
            static_cast<TcpConnection*>(s->data)->on_read(nread, buf);
        });
    if (rc != 0) {
        log::debug("net", std::string("uv_read_start: ") + uv_strerror(rc) + ", rip=" + remote_ip_);
        abort();
        return;
    }
    reading_ = true;
}

void TcpConnection::pause_reading() {
    paused_ = true;
    if (reading_) {
        uv_read_stop(reinterpret_cast<uv_stream_t*>(&tcp_));
        reading_ = false;
    }
}

void TcpConnection::resume_reading() {
    paused_ = false;
    if (sink_) start_reading();
}

void TcpConnection::on_read(ssize_t nread, const uv_buf_t* buf) {
    if (closing_) return;
    if (nread == 0) return;  // EAGAIN: nothing to do
    if (nread < 0) {
        if (nread != UV_EOF) log::debug("net", std::string("read: ") + uv_strerror(static_cast<int>(nread)) + ", rip=" + remote_ip_);
        // The peer is gone or half-closed: flush what we queued (a LOGOUT reply) and close.
        close();
        return;
    }
    if (idle_ms_ > 0) arm_idle_timer();
    std::string_view data(buf->base, static_cast<size_t>(nread));
    if (tls_) {
        on_ciphertext(data);
    } else {
        deliver(data);
    }
}

void TcpConnection::on_ciphertext(std::string_view data) {
    std::string plaintext, ciphertext, error;
    bool was_handshaking = !tls_->handshake_done();
    TlsStream::Status status = tls_->receive(data, plaintext, ciphertext, error);
    send_raw(std::move(ciphertext));
    if (status == TlsStream::Status::Failed) {
        log::warning("net", (was_handshaking ? "TLS handshake failed: " : "TLS error: ") + error +
                                ", rip=" + remote_ip_);
        close();  // flushes the alert, if any
        return;
    }
    if (!plaintext.empty()) deliver(plaintext);
    if (status == TlsStream::Status::PeerClosed) close();
}

void TcpConnection::deliver(std::string_view plaintext) {
    if (closing_ || !sink_) return;
    try {
        sink_->on_bytes(plaintext);
    } catch (const std::exception& e) {
        log::error("net", std::string("session failed: ") + e.what() + ", rip=" + remote_ip_);
        close();
    } catch (...) {
        log::error("net", "session failed, rip=" + remote_ip_);
        close();
    }
}

void TcpConnection::write(std::string data) {
    if (closing_ || data.empty()) return;
    if (pending_.empty()) {
        pending_ = std::move(data);
    } else {
        pending_.append(data);
    }
    schedule_flush(loop_, this);
    check_high_water();
}

void TcpConnection::flush() {
    if (pending_.empty() || handles_closing_) return;
    std::string plaintext = std::move(pending_);
    pending_.clear();
    if (!tls_) {
        send_raw(std::move(plaintext));
        return;
    }
    std::string ciphertext;
    if (!tls_->send(plaintext, ciphertext)) {
        log::warning("net", "TLS write failed, rip=" + remote_ip_);
        abort();
        return;
    }
    send_raw(std::move(ciphertext));
}

size_t TcpConnection::queued_bytes() const {
    return pending_.size() + in_flight_bytes_ + (tls_ ? tls_->held_plaintext() : 0);
}

void TcpConnection::check_high_water() {
    if (queued_bytes() > kHighWater) above_high_water_ = true;
}

void TcpConnection::send_raw(std::string bytes) {
    if (bytes.empty() || handles_closing_) return;
    auto* request = new WriteRequest;
    request->data = std::move(bytes);
    request->connection = this;
    request->req.data = request;
    uv_buf_t buf = uv_buf_init(request->data.data(), static_cast<unsigned>(request->data.size()));
    size_t size = request->data.size();
    int rc = uv_write(&request->req, reinterpret_cast<uv_stream_t*>(&tcp_), &buf, 1, [](uv_write_t* req, int status) {
        std::unique_ptr<WriteRequest> r(static_cast<WriteRequest*>(req->data));
        r->connection->on_write_done(r->data.size(), status);
    });
    if (rc != 0) {
        delete request;
        log::debug("net", std::string("write: ") + uv_strerror(rc) + ", rip=" + remote_ip_);
        abort();
        return;
    }
    in_flight_bytes_ += size;
    ++in_flight_writes_;
    check_high_water();
}

void TcpConnection::on_write_done(size_t size, int status) {
    in_flight_bytes_ -= size;
    --in_flight_writes_;
    if (status < 0) {
        if (status != UV_ECANCELED)
            log::debug("net", std::string("write: ") + uv_strerror(status) + ", rip=" + remote_ip_);
        abort();
        return;
    }
    if (closing_) {
        if (in_flight_writes_ == 0) finish_close();
        return;
    }
    if (above_high_water_ && queued_bytes() <= kLowWater) {
        above_high_water_ = false;
        if (sink_) {
            try {
                sink_->on_drain();
            } catch (const std::exception& e) {
                log::error("net", std::string("session failed: ") + e.what() + ", rip=" + remote_ip_);
                close();
            } catch (...) {
                close();
            }
        }
    }
}

bool TcpConnection::start_tls() {
    if (!tls_context_ || tls_ || closing_) return false;
    auto stream = TlsStream::create(native_ssl_ctx(*tls_context_));
    if (!stream) {
        log::error("net", "cannot start TLS: " + stream.error().message);
        return false;
    }
    // Bytes written before this call go out in plaintext, ahead of the handshake.
    flush();
    tls_ = std::move(stream.value());
    return true;
}

void TcpConnection::set_idle_timeout(uint64_t ms) {
    idle_ms_ = ms;
    if (closing_) return;
    if (ms == 0) {
        uv_timer_stop(&timer_);
    } else {
        arm_idle_timer();
    }
}

void TcpConnection::arm_idle_timer() {
    uv_timer_start(
        &timer_, [](uv_timer_t* t) { static_cast<TcpConnection*>(t->data)->close_because(CloseCause::IdleTimeout); },
        idle_ms_, 0);
}

void TcpConnection::close_because(CloseCause cause) {
    if (closing_) return;
    auto sink = sink_;  // the session may drop its last other reference in on_closing
    if (sink) sink->on_closing(cause);
    close();
}

void TcpConnection::close() {
    if (closing_) return;
    flush();
    if (tls_) {
        std::string ciphertext;
        tls_->shutdown(ciphertext);
        send_raw(std::move(ciphertext));
    }
    closing_ = true;
    if (reading_) uv_read_stop(reinterpret_cast<uv_stream_t*>(&tcp_));
    reading_ = false;
    if (in_flight_writes_ == 0) {
        finish_close();
        return;
    }
    uv_timer_start(&timer_, [](uv_timer_t* t) { static_cast<TcpConnection*>(t->data)->finish_close(); }, kCloseFlushMs, 0);
}

void TcpConnection::abort() {
    closing_ = true;
    finish_close();
}

void TcpConnection::finish_close() {
    if (handles_closing_) return;
    handles_closing_ = true;
    closing_ = true;
    uv_timer_stop(&timer_);
    auto closed = [](uv_handle_t* h) { static_cast<TcpConnection*>(h->data)->on_handle_closed(); };
    uv_close(as_handle(&tcp_), closed);
    uv_close(as_handle(&timer_), closed);
}

void TcpConnection::on_handle_closed() {
    if (--handles_open_ > 0) return;
    loop_.connections.erase(this);
    loop_.needs_flush.erase(this);
    std::shared_ptr<ByteSink> sink = std::move(sink_);
    if (sink) run_guarded("on_closed", [&] { sink->on_closed(); });
    sink.reset();
    delete this;
}

}  // namespace roost::net
