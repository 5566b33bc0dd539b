// Private to net/: the libuv TCP implementation of net::Connection. A TcpConnection owns
// itself: it is created by the listener on accept and deletes itself in the close callback
// of its last libuv handle, right after telling the sink on_closed() (exactly once).
#pragma once

#include <uv.h>

#include <memory>
#include <string>

#include "net/connection.hpp"
#include "net/loop_impl.hpp"
#include "net/tls_context.hpp"
#include "net/tls_stream.hpp"

namespace roost::net {

class TcpConnection final : public Connection, public LiveConnection {
public:
    // Accepts the pending connection on `server`; null (with `error` set) when that fails.
    static TcpConnection* accept(Loop::Impl& loop, uv_stream_t* server, std::shared_ptr<TlsContext> tls,
                                 std::string& error);

    // Hands the connection its session and starts reading. A null sink closes it.
    void attach(std::shared_ptr<ByteSink> sink);

    void write(std::string data) override;
    size_t queued_bytes() const override;
    bool tls_available() const override { return tls_context_ != nullptr; }
    bool tls_active() const override { return tls_ != nullptr; }
    bool start_tls() override;
    const std::string& remote_ip() const override { return remote_ip_; }
    uint16_t remote_port() const override { return remote_port_; }
    const std::string& local_ip() const override { return local_ip_; }
    uint16_t local_port() const override { return local_port_; }
    bool remote_is_loopback() const override { return remote_loopback_; }
    void pause_reading() override;
    void resume_reading() override;
    void close() override;
    void set_idle_timeout(uint64_t ms) override;
    void flush() override;
    void close_for_shutdown() override { close_because(CloseCause::ServerShutdown); }

private:
    TcpConnection(Loop::Impl& loop, std::shared_ptr<TlsContext> tls);
    ~TcpConnection() override = default;

    void read_addresses();
    void start_reading();
    void on_read(ssize_t nread, const uv_buf_t* buf);
    void on_ciphertext(std::string_view data);
    void deliver(std::string_view plaintext);
    void send_raw(std::string bytes);
    void on_write_done(size_t size, int status);
    void check_high_water();
    void arm_idle_timer();
    void close_because(CloseCause cause);
    void abort();
    void finish_close();
    void on_handle_closed();

    Loop::Impl& loop_;
    uv_tcp_t tcp_{};
    uv_timer_t timer_{};  // idle timeout; while closing, the flush deadline
    std::shared_ptr<ByteSink> sink_;
    std::shared_ptr<TlsContext> tls_context_;
    std::unique_ptr<TlsStream> tls_;

    std::string remote_ip_, local_ip_;
    uint16_t remote_port_ = 0, local_port_ = 0;
    bool remote_loopback_ = false;

    std::string pending_;         // written by the session, not yet flushed (plaintext)
    size_t in_flight_bytes_ = 0;  // handed to uv_write, completion not yet reported
    size_t in_flight_writes_ = 0;
    bool above_high_water_ = false;
    uint64_t idle_ms_ = 0;
    bool reading_ = false;
    bool paused_ = false;
    bool closing_ = false;         // close() or abort() began; writes are dropped
    bool handles_closing_ = false; // uv_close() issued
    int handles_open_ = 0;

    friend struct WriteRequest;
};

}  // namespace roost::net
