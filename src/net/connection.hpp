// A client connection as the protocol sessions see it: plaintext bytes in, a write queue out,
// and an optional TLS upgrade. The implementation (tcp_connection.cpp) is the only code that
// touches libuv handles and OpenSSL objects; tests use a fake implementing the same interface.
//
// Threading: every member is called on the loop thread only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace roost::net {

// Why a connection closes without its session having asked.
enum class CloseCause { IdleTimeout, ServerShutdown };

// What a protocol session implements to receive a connection's events.
class ByteSink {
public:
    virtual ~ByteSink() = default;
    // Plaintext bytes from the peer (already decrypted when TLS is active).
    virtual void on_bytes(std::string_view data) = 0;
    // The write queue fell to or below Connection::kLowWater after having been above
    // kHighWater: a producer of a large reply (FETCH, RETR) may queue its next chunk.
    virtual void on_drain() {}
    // The connection is about to close on its own for `cause`. What the session writes here
    // is the last thing the peer receives (IMAP's BYE, RFC 3501 §7.1.5); on_closed() follows.
    virtual void on_closing(CloseCause) {}
    // The connection is gone (peer closed, error, timeout, or close() completed). No further
    // calls follow and the session must not touch the Connection after this returns.
    virtual void on_closed() = 0;
};

class Connection {
public:
    static constexpr size_t kHighWater = 1 << 20;  // stop producing above this many queued bytes
    static constexpr size_t kLowWater = 256 << 10;

    virtual ~Connection() = default;

    // Queues bytes for the peer (encrypted first when TLS is active).
    virtual void write(std::string data) = 0;
    // Bytes queued but not yet handed to the kernel.
    virtual size_t queued_bytes() const = 0;

    // True when a TLS context is configured so that STARTTLS/STLS can be offered.
    virtual bool tls_available() const = 0;
    virtual bool tls_active() const = 0;
    // Begins a server-side TLS handshake. Everything written before this call goes out in
    // plaintext first; every byte read after it is TLS. Bytes the session already received
    // but has not processed must be discarded by the session (RFC 2595 §3.1, RFC 3501
    // §6.2.1: no plaintext command injection across the upgrade). Returns false when TLS is
    // unavailable or already active.
    virtual bool start_tls() = 0;

    virtual const std::string& remote_ip() const = 0;
    virtual uint16_t remote_port() const = 0;
    virtual const std::string& local_ip() const = 0;
    virtual uint16_t local_port() const = 0;
    // True for 127.0.0.0/8 and ::1 (where plaintext auth is harmless).
    virtual bool remote_is_loopback() const = 0;

    // Stops reading while a session is busy with a command and resumes later (pipelined
    // input is then held by the kernel, not buffered without bound).
    virtual void pause_reading() = 0;
    virtual void resume_reading() = 0;

    // Closes after the queued writes are flushed; on_closed() follows, always from a later
    // loop callback, never from inside close() itself. Writes after close() are dropped.
    virtual void close() = 0;
    // Closes if no bytes arrive for `ms` milliseconds (0 disables). Re-armed by each read.
    virtual void set_idle_timeout(uint64_t ms) = 0;
};

}  // namespace roost::net
