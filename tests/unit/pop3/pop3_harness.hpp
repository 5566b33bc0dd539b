// Session tests for POP3: a real net::Loop (worker pool and timers), a FakeConnection that
// records what the session writes, a real Authenticator over a temporary SQLite user store and
// a real Maildir per user in a temporary directory. Fresh per test.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "auth/authenticator.hpp"
#include "auth/user_store.hpp"
#include "config/settings.hpp"
#include "net/connection.hpp"
#include "net/loop.hpp"
#include "pop3/context.hpp"
#include "unit/temp_dir.hpp"

namespace roost::pop3::test {

class FakeConnection : public net::Connection {
public:
    std::string out;              // everything the session wrote
    bool close_requested = false;
    bool loopback = true;
    bool tls_on = false;
    bool tls_possible = false;
    bool paused = false;
    size_t queued = 0;            // what queued_bytes() reports (backpressure tests)
    int start_tls_calls = 0;
    uint64_t idle_timeout = 0;

    void write(std::string data) override { out += data; }
    size_t queued_bytes() const override { return queued; }
    bool tls_available() const override { return tls_possible; }
    bool tls_active() const override { return tls_on; }
    bool start_tls() override {
        ++start_tls_calls;
        if (!tls_possible || tls_on) return false;
        tls_on = true;  // the handshake itself is net's business
        return true;
    }
    const std::string& remote_ip() const override { return remote_ip_; }
    uint16_t remote_port() const override { return 40000; }
    const std::string& local_ip() const override { return local_ip_; }
    uint16_t local_port() const override { return 110; }
    bool remote_is_loopback() const override { return loopback; }
    void pause_reading() override { paused = true; }
    void resume_reading() override { paused = false; }
    void close() override { close_requested = true; }
    void set_idle_timeout(uint64_t ms) override { idle_timeout = ms; }

    void set_remote(const std::string& ip) { remote_ip_ = ip; }

private:
    std::string remote_ip_ = "127.0.0.1";
    std::string local_ip_ = "127.0.0.1";
};

// Users, their Maildirs, settings and the loop: what a roostd process would hold.
class Server {
    // First member: removed last, after the loop and the authenticator are gone.
    roost::test::TempDir dir_;

public:
    Server() {
        settings.disable_plaintext_auth = true;
        settings.auth_mechanisms = {"plain", "login"};
        settings.mail_location = "maildir:" + dir_.path() + "/mail/%d/%n/Maildir";
        add_user("alice@example.com", "secret");
        add_user("bob@example.com", "hunter2");
        authenticator = std::make_unique<auth::Authenticator>(dir_.path() + "/users.db", settings.mail_location);
    }
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    void add_user(const std::string& name, const std::string& password) {
        auto store = auth::UserStore::open(dir_.path() + "/users.db");
        REQUIRE(store.ok());
        auth::UserRecord u;
        u.name = name;
        u.password_hash = "{PLAIN}" + password;
        REQUIRE((*store)->add(u).ok());
    }

    std::string maildir(const std::string& user, const std::string& domain) const {
        return dir_.path() + "/mail/" + domain + "/" + user + "/Maildir";
    }

    // Drops a message into alice's new/ as an MTA would (LF line ends are fine: RFC 1939
    // sizes count CRLF, and storage converts).
    void deliver(const std::string& name, const std::string& content, const std::string& user = "alice") {
        std::string root = maildir(user, "example.com");
        for (const char* sub : {"cur", "new", "tmp"}) std::filesystem::create_directories(root + "/" + sub);
        std::ofstream(root + "/new/" + name, std::ios::binary) << content;
    }

    size_t files_in_maildir(const std::string& user = "alice") const {
        size_t n = 0;
        std::string root = maildir(user, "example.com");
        for (const char* sub : {"cur", "new"}) {
            if (!std::filesystem::exists(root + "/" + sub)) continue;
            for (const auto& e : std::filesystem::directory_iterator(root + "/" + sub)) n += e.is_regular_file();
        }
        return n;
    }

    config::Settings settings;
    net::Loop loop;
    std::unique_ptr<auth::Authenticator> authenticator;

};

// One client connection: bytes in, responses out, drop or close.
class Client {
public:
    explicit Client(Server& server, bool loopback = true, bool tls_possible = false)
        : server_(server), context_{server.loop, server.settings, *server.authenticator, "pop3"} {
        conn.loopback = loopback;
        conn.tls_possible = tls_possible;
        if (!loopback) conn.set_remote("192.0.2.7");
        session_ = make_session(context_, conn);
        settle();
    }
    ~Client() { drop(); }

    // Sends raw bytes, lets the worker pool and timers finish, returns what came back.
    std::string send_raw(const std::string& bytes) {
        size_t before = conn.out.size();
        if (!notified_) session_->on_bytes(bytes);
        settle();
        return conn.out.substr(before);
    }
    std::string send(const std::string& line) { return send_raw(line + "\r\n"); }

    // The peer goes away: on_closed without QUIT.
    void drop() {
        if (notified_) return;
        notified_ = true;
        session_->on_closed();
        server_.loop.run();
    }
    // The connection closes on its own (idle timer, server stop): returns what the session
    // wrote as its last words.
    std::string closed_by_server(net::CloseCause cause) {
        size_t before = conn.out.size();
        if (!notified_) session_->on_closing(cause);
        drop();
        return conn.out.substr(before);
    }
    // The write queue fell below the low-water mark.
    void drain() {
        if (notified_) return;
        session_->on_drain();
        settle();
    }
    bool closed() const { return conn.close_requested || notified_; }

    std::string login(const std::string& user = "alice@example.com", const std::string& password = "secret") {
        send("USER " + user);
        return send("PASS " + password);
    }

    FakeConnection conn;

private:
    void settle() {
        server_.loop.run();
        // Connection::close() promises on_closed() once the queue is flushed.
        if (conn.close_requested && !notified_) {
            notified_ = true;
            session_->on_closed();
            server_.loop.run();
        }
    }

    Server& server_;
    Context context_;
    std::shared_ptr<net::ByteSink> session_;
    bool notified_ = false;
};

}  // namespace roost::pop3::test
