// net::Listener + TcpConnection over real loopback sockets: the byte path, close semantics,
// backpressure, pause/resume and timeouts that the IMAP and POP3 sessions build on.
#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "net/listener.hpp"
#include "net_test_support.hpp"

using namespace roost::net;
using namespace roost::net::test;

namespace {

struct Server {
    Loop loop;
    std::unique_ptr<Listener> listener;
    std::shared_ptr<ScriptedSink> sink = std::make_shared<ScriptedSink>();
    Connection* connection = nullptr;
    int sessions = 0;

    // Opens 127.0.0.1:0; `setup` runs in the factory with the new connection.
    void listen(std::function<void(Connection&, ScriptedSink&)> setup = {}) {
        ListenSpec spec{"127.0.0.1", 0, false, "test"};
        auto opened = Listener::open(loop, spec, nullptr, [this, setup](Connection& c) -> std::shared_ptr<ByteSink> {
            ++sessions;
            connection = &c;
            if (setup) setup(c, *sink);
            return sink;
        });
        REQUIRE(opened.ok());
        listener = std::move(opened.value());
        REQUIRE(listener->bound_port() != 0);
    }
    uint16_t port() const { return listener->bound_port(); }
};

}  // namespace

TEST_CASE("echo round trip over a loopback listener", "[net][connection]") {
    Server server;
    Watchdog watchdog(server.loop, 4000);
    std::string remote_ip, local_ip;
    bool loopback = false, tls_available = true;
    uint16_t local_port = 0;
    server.listen([&](Connection& c, ScriptedSink& sink) {
        remote_ip = c.remote_ip();
        local_ip = c.local_ip();
        local_port = c.local_port();
        loopback = c.remote_is_loopback();
        tls_available = c.tls_available();
        sink.bytes = [&c](std::string_view data) { c.write(std::string(data)); };
        sink.closed = [&] {
            watchdog.disarm();
            server.loop.stop();
        };
    });
    std::string echoed;
    std::thread client([&, port = server.port()] {
        int fd = connect_loopback(port);
        if (fd < 0) return;
        send_all(fd, "hello, roost\r\n");
        echoed = recv_bytes(fd, 14);
        ::close(fd);
    });
    server.loop.run();
    client.join();
    CHECK_FALSE(watchdog.fired);
    CHECK(echoed == "hello, roost\r\n");
    CHECK(server.sink->closes == 1);
    CHECK(remote_ip == "127.0.0.1");
    CHECK(local_ip == "127.0.0.1");
    CHECK(local_port == server.port());
    CHECK(loopback);  // RFC 3501 §6.2.3 / disable_plaintext_auth: loopback counts as secure
    CHECK_FALSE(tls_available);
}

TEST_CASE("close() flushes queued bytes, then on_closed arrives exactly once", "[net][connection]") {
    // An IMAP "* BYE" or POP3 "+OK bye" written just before close() must reach the client.
    Server server;
    Watchdog watchdog(server.loop, 4000);
    std::string big(300 * 1024, 'x');
    server.listen([&](Connection& c, ScriptedSink& sink) {
        c.write("* OK greeting\r\n");
        c.write(big);
        c.close();
        c.close();               // idempotent
        c.write("dropped\r\n");  // after close(): never sent
        sink.closed = [&] {
            watchdog.disarm();
            server.loop.stop();
        };
    });
    std::string got;
    bool eof = false;
    std::thread client([&, port = server.port()] {
        int fd = connect_loopback(port);
        if (fd < 0) return;
        got = recv_to_eof(fd, eof);
        ::close(fd);
    });
    server.loop.run();
    client.join();
    CHECK(eof);
    CHECK(got == "* OK greeting\r\n" + big);
    CHECK(server.sink->closes == 1);
}

TEST_CASE("peer EOF closes the connection and reports on_closed", "[net][connection]") {
    Server server;
    Watchdog watchdog(server.loop, 4000);
    server.listen([&](Connection&, ScriptedSink& sink) {
        sink.closed = [&] {
            watchdog.disarm();
            server.loop.stop();
        };
    });
    std::thread client([port = server.port()] {
        int fd = connect_loopback(port);
        if (fd < 0) return;
        send_all(fd, "QUIT\r\n");
        ::close(fd);
    });
    server.loop.run();
    client.join();
    CHECK_FALSE(watchdog.fired);
    CHECK(server.sink->received == "QUIT\r\n");
    CHECK(server.sink->closes == 1);
}

TEST_CASE("backpressure: on_drain fires after the queue exceeded the high-water mark", "[net][connection]") {
    // A FETCH of a large message or a RETR is produced in chunks as the queue drains.
    Server server;
    Watchdog watchdog(server.loop, 4000);
    const size_t total = 8 * Connection::kHighWater;
    size_t queued_after_write = 0, queued_at_drain = ~size_t{0};
    server.listen([&](Connection& c, ScriptedSink& sink) {
        c.write(std::string(total, 'a'));
        queued_after_write = c.queued_bytes();
        sink.drained = [&] {
            queued_at_drain = std::min(queued_at_drain, c.queued_bytes());
            c.close();
        };
        sink.closed = [&] {
            watchdog.disarm();
            server.loop.stop();
        };
    });
    size_t received = 0;
    std::thread client([&, port = server.port()] {
        int fd = connect_loopback(port);
        if (fd < 0) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let the kernel buffers fill
        bool eof = false;
        received = recv_to_eof(fd, eof).size();
        ::close(fd);
    });
    server.loop.run();
    client.join();
    CHECK_FALSE(watchdog.fired);
    CHECK(queued_after_write > Connection::kHighWater);
    CHECK(server.sink->drains == 1);
    CHECK(queued_at_drain <= Connection::kLowWater);
    CHECK(received == total);
}

TEST_CASE("pause_reading holds input until resume_reading", "[net][connection]") {
    // A session busy with a command (e.g. waiting on the worker pool) pauses input so that
    // pipelined commands wait in the kernel instead of being handled out of turn.
    Server server;
    Watchdog watchdog(server.loop, 4000);
    bool resumed = false, early_delivery = false;
    std::unique_ptr<Loop::Timer> resume_timer;
    server.listen([&](Connection& c, ScriptedSink& sink) {
        sink.bytes = [&](std::string_view data) {
            if (data.find("one") != std::string_view::npos && !resumed) {
                c.pause_reading();
                resume_timer = server.loop.after(100, [&] {
                    resumed = true;
                    c.resume_reading();
                });
            } else if (!resumed) {
                early_delivery = true;
            }
            if (sink.received.find("two") != std::string::npos) c.write("done\r\n");
        };
        sink.closed = [&] {
            watchdog.disarm();
            server.loop.stop();
        };
    });
    std::string reply;
    std::thread client([&, port = server.port()] {
        int fd = connect_loopback(port);
        if (fd < 0) return;
        send_all(fd, "one\r\n");
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        send_all(fd, "two\r\n");
        reply = recv_bytes(fd, 6);
        ::close(fd);
    });
    server.loop.run();
    client.join();
    CHECK_FALSE(watchdog.fired);
    CHECK_FALSE(early_delivery);
    CHECK(resumed);
    CHECK(reply == "done\r\n");
    CHECK(server.sink->received == "one\r\ntwo\r\n");
}

TEST_CASE("idle timeout closes a silent connection after the session's last words", "[net][connection]") {
    // RFC 3501 §5.4 autologout / RFC 1939 §3 inactivity timer: the server may close; an IMAP
    // session says BYE first (§7.1.5), written from on_closing.
    Server server;
    Watchdog watchdog(server.loop, 4000);
    std::vector<CloseCause> causes;
    server.listen([&](Connection& c, ScriptedSink& sink) {
        c.set_idle_timeout(50);
        sink.closing = [&](CloseCause cause) {
            causes.push_back(cause);
            c.write("* BYE idle\r\n");
        };
        sink.closed = [&] {
            watchdog.disarm();
            server.loop.stop();
        };
    });
    bool eof = false;
    std::string farewell;
    std::thread client([&, port = server.port()] {
        int fd = connect_loopback(port);
        if (fd < 0) return;
        farewell = recv_to_eof(fd, eof);
        ::close(fd);
    });
    server.loop.run();
    client.join();
    CHECK_FALSE(watchdog.fired);
    CHECK(eof);
    CHECK(farewell == "* BYE idle\r\n");
    CHECK(causes == std::vector<CloseCause>{CloseCause::IdleTimeout});
    CHECK(server.sink->closes == 1);
}

TEST_CASE("Loop::stop closes the listener and live connections", "[net][connection]") {
    // SIGTERM: roostd stops listening, ends sessions (each may say goodbye), and run() returns.
    Server server;
    Watchdog watchdog(server.loop, 4000);
    std::vector<CloseCause> causes;
    server.listen([&](Connection& c, ScriptedSink& sink) {
        sink.bytes = [&](std::string_view) { server.loop.stop(); };
        sink.closing = [&](CloseCause cause) {
            causes.push_back(cause);
            c.write("* BYE stopping\r\n");
        };
        sink.closed = [&] { watchdog.disarm(); };  // a pending timer would keep run() going
    });
    bool eof = false;
    std::string farewell;
    std::thread client([&, port = server.port()] {
        int fd = connect_loopback(port);
        if (fd < 0) return;
        send_all(fd, "x");
        farewell = recv_to_eof(fd, eof);
        ::close(fd);
    });
    server.loop.run();  // returns only once the connection and the listener are closed
    client.join();
    CHECK_FALSE(watchdog.fired);
    CHECK(eof);
    CHECK(farewell == "* BYE stopping\r\n");
    CHECK(causes == std::vector<CloseCause>{CloseCause::ServerShutdown});
    CHECK(server.sink->closes == 1);
    CHECK(connect_loopback(server.port()) < 0);  // no longer listening
}

TEST_CASE("Listener::open reports a port that is already bound", "[net][listener]") {
    // roostd must exit 1 with a clear message instead of running without the port.
    Server server;
    server.listen();
    ListenSpec spec{"127.0.0.1", server.port(), false, "test"};
    auto second = Listener::open(server.loop, spec, nullptr, [](Connection&) { return nullptr; });
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().message.find("127.0.0.1:" + std::to_string(server.port())) != std::string::npos);
    auto bad = Listener::open(server.loop, ListenSpec{"not-an-ip", 0, false, "test"}, nullptr,
                              [](Connection&) { return nullptr; });
    CHECK_FALSE(bad.ok());
    auto tls_without_cert = Listener::open(server.loop, ListenSpec{"127.0.0.1", 0, true, "test"}, nullptr,
                                           [](Connection&) { return nullptr; });
    CHECK_FALSE(tls_without_cert.ok());
}

TEST_CASE("concurrent connections keep their bytes apart", "[net][connection]") {
    // Many IMAP clients at once (a phone and a desktop each open several): the shared read
    // buffer and the write coalescing must never mix one connection's bytes into another's.
    Loop loop;
    Watchdog watchdog(loop, 4000);
    constexpr int kClients = 16;
    int closed = 0;
    std::vector<std::shared_ptr<ScriptedSink>> sinks;
    auto opened = Listener::open(loop, ListenSpec{"127.0.0.1", 0, false, "test"}, nullptr,
                                 [&](Connection& c) -> std::shared_ptr<ByteSink> {
                                     auto sink = std::make_shared<ScriptedSink>();
                                     // Echo byte by byte as separate writes: coalesced on the way out.
                                     sink->bytes = [&c](std::string_view data) {
                                         for (char ch : data) c.write(std::string(1, ch));
                                     };
                                     sink->closed = [&] {
                                         if (++closed == kClients) {
                                             watchdog.disarm();
                                             loop.stop();
                                         }
                                     };
                                     sinks.push_back(sink);
                                     return sink;
                                 });
    REQUIRE(opened.ok());
    uint16_t port = (*opened)->bound_port();
    std::vector<std::string> sent(kClients), echoed(kClients);
    std::vector<std::thread> clients;
    for (int i = 0; i < kClients; ++i) {
        sent[i] = std::string(20000 + i * 101, static_cast<char>('A' + i));
        clients.emplace_back([&, i] {
            int fd = connect_loopback(port);
            if (fd < 0) return;
            send_all(fd, sent[i]);
            echoed[i] = recv_bytes(fd, sent[i].size());
            ::close(fd);
        });
    }
    loop.run();
    for (auto& t : clients) t.join();
    CHECK_FALSE(watchdog.fired);
    for (int i = 0; i < kClients; ++i) CHECK(echoed[i] == sent[i]);
    CHECK(closed == kClients);
}

TEST_CASE("IPv6 listener on ::1 reports a loopback peer", "[net][listener]") {
    // `listen = ::1` in Dovecot syntax; ::1 counts as loopback for disable_plaintext_auth.
    Loop loop;
    Watchdog watchdog(loop, 4000);
    auto sink = std::make_shared<ScriptedSink>();
    std::string remote_ip;
    bool loopback = false;
    auto opened = Listener::open(loop, ListenSpec{"::1", 0, false, "test"}, nullptr,
                                 [&](Connection& c) -> std::shared_ptr<ByteSink> {
                                     remote_ip = c.remote_ip();
                                     loopback = c.remote_is_loopback();
                                     c.close();
                                     sink->closed = [&] {
                                         watchdog.disarm();
                                         loop.stop();
                                     };
                                     return sink;
                                 });
    if (!opened.ok()) {
        WARN("no IPv6 loopback here: " << opened.error().message);
        return;
    }
    std::thread client([port = (*opened)->bound_port()] {
        int fd = ::socket(AF_INET6, SOCK_STREAM, 0);
        sockaddr_in6 sin6{};
        sin6.sin6_family = AF_INET6;
        sin6.sin6_port = htons(port);
        sin6.sin6_addr = in6addr_loopback;
        if (::connect(fd, reinterpret_cast<sockaddr*>(&sin6), sizeof sin6) == 0) {
            bool eof = false;
            (void)recv_to_eof(fd, eof);
        }
        ::close(fd);
    });
    loop.run();
    client.join();
    CHECK_FALSE(watchdog.fired);
    CHECK(remote_ip == "::1");
    CHECK(loopback);
    CHECK(sink->closes == 1);
}
