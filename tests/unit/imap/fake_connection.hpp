// A net::Connection for session tests: records what the session writes and lets the test
// choose TLS availability, loopback and addresses. on_closed() is delivered by the test,
// as the real connection delivers it from a later loop callback.
#pragma once

#include <string>

#include "net/connection.hpp"

namespace roost::imap::test {

class FakeConnection : public net::Connection {
public:
    std::string output;  // everything written and not yet taken
    bool tls_configured = true;
    bool tls = false;
    bool loopback = false;
    bool closed = false;
    bool paused = false;
    int start_tls_calls = 0;
    uint64_t idle_timeout_ms = 0;
    size_t queued = 0;
    std::string rip = "192.0.2.10";
    std::string lip = "192.0.2.1";

    std::string take() {
        std::string out = std::move(output);
        output.clear();
        return out;
    }

    void write(std::string data) override {
        if (!closed) output += data;
    }
    size_t queued_bytes() const override { return queued; }
    bool tls_available() const override { return tls_configured; }
    bool tls_active() const override { return tls; }
    bool start_tls() override {
        ++start_tls_calls;
        if (!tls_configured || tls) return false;
        tls = true;
        return true;
    }
    const std::string& remote_ip() const override { return rip; }
    uint16_t remote_port() const override { return 40000; }
    const std::string& local_ip() const override { return lip; }
    uint16_t local_port() const override { return 143; }
    bool remote_is_loopback() const override { return loopback; }
    void pause_reading() override { paused = true; }
    void resume_reading() override { paused = false; }
    void close() override { closed = true; }
    void set_idle_timeout(uint64_t ms) override { idle_timeout_ms = ms; }
};

}  // namespace roost::imap::test
