// Helpers for the net tests: a blocking loopback client (run in a std::thread while the loop
// runs on the test thread), a scriptable ByteSink and a watchdog.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "net/connection.hpp"
#include "net/loop.hpp"
#include "unit/temp_dir.hpp"

namespace roost::net::test {

using roost::test::TempDir;

// A blocking TCP client socket to 127.0.0.1:port; reads time out after 3 s so that a broken
// server fails the test instead of hanging it. -1 on failure.
inline int connect_loopback(uint16_t port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    timeval tv{3, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in sin{};
    sin.sin_family = AF_INET;
    sin.sin_port = htons(port);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&sin), sizeof sin) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

inline bool send_all(int fd, std::string_view data) {
    while (!data.empty()) {
        ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n <= 0) return false;
        data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
}

// Reads until `size` bytes arrived, EOF, error or timeout.
inline std::string recv_bytes(int fd, size_t size) {
    std::string out;
    char buf[65536];
    while (out.size() < size) {
        ssize_t n = ::recv(fd, buf, std::min(sizeof buf, size - out.size()), 0);
        if (n <= 0) break;
        out.append(buf, static_cast<size_t>(n));
    }
    return out;
}

// Reads until EOF (or error/timeout); `eof` tells which.
inline std::string recv_to_eof(int fd, bool& eof) {
    std::string out;
    char buf[65536];
    for (;;) {
        ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n == 0) {
            eof = true;
            return out;
        }
        if (n < 0) {
            eof = false;
            return out;
        }
        out.append(buf, static_cast<size_t>(n));
    }
}

// A session whose behaviour each test scripts with lambdas; it counts what it saw.
class ScriptedSink : public ByteSink {
public:
    std::function<void(std::string_view)> bytes;
    std::function<void()> drained;
    std::function<void(CloseCause)> closing;
    std::function<void()> closed;
    std::string received;
    int drains = 0;
    int closes = 0;

    void on_bytes(std::string_view data) override {
        received.append(data);
        if (bytes) bytes(data);
    }
    void on_drain() override {
        ++drains;
        if (drained) drained();
    }
    void on_closing(CloseCause cause) override {
        if (closing) closing(cause);
    }
    void on_closed() override {
        ++closes;
        if (closed) closed();
    }
};

// Stops the loop if a test has not finished in time, so a bug fails instead of hanging.
class Watchdog {
public:
    Watchdog(Loop& loop, uint64_t ms) : timer_(loop.after(ms, [this, &loop] {
        fired = true;
        loop.stop();
    })) {}
    void disarm() { timer_.reset(); }
    bool fired = false;

private:
    std::unique_ptr<Loop::Timer> timer_;
};

}  // namespace roost::net::test
