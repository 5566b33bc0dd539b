// A fresh IMAP session per test: a temp dir with a SQLite user database holding
// alice@example.com / "secret" ({PLAIN} hash), her Maildir, a real net::Loop for the
// offloaded work, and a FakeConnection.
#pragma once

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "auth/authenticator.hpp"
#include "auth/user_store.hpp"
#include "config/settings.hpp"
#include "imap/context.hpp"
#include "net/loop.hpp"
#include "fake_connection.hpp"
#include "unit/temp_dir.hpp"

namespace roost::imap::test {

class SessionFixture {
public:
    explicit SessionFixture(bool loopback = false) {
        settings.ssl = config::SslMode::Yes;
        settings.disable_plaintext_auth = true;
        settings.auth_mechanisms = {"plain", "login"};
        settings.mail_location = "maildir:" + dir.path() + "/mail/%d/%n/Maildir";
        std::string db = dir.path() + "/users.db";
        {
            auto store = auth::UserStore::open(db);
            if (store) {
                auth::UserRecord alice;
                alice.name = "alice@example.com";
                alice.password_hash = "{PLAIN}secret";
                (void)(*store)->add(alice);
            }
        }
        authenticator = std::make_unique<auth::Authenticator>(db, settings.mail_location);
        context = std::make_unique<Context>(Context{loop, settings, *authenticator, "imap"});
        connection.loopback = loopback;
        if (loopback) connection.rip = "127.0.0.1";
        session = make_session(*context, connection);
    }

    ~SessionFixture() {
        if (!connection_gone) session->on_closed();
        loop.run();
    }

    // Feeds `bytes`, lets offloaded work and timers finish, returns what the session wrote.
    std::string exchange(const std::string& bytes) {
        session->on_bytes(bytes);
        loop.run();
        return connection.take();
    }

    std::string maildir() const { return dir.path() + "/mail/example.com/alice/Maildir"; }

    // Delivers a message into new/ as an MTA would (LF line ends).
    void deliver(const std::string& name, const std::string& content) {
        std::filesystem::create_directories(maildir() + "/new");
        std::filesystem::create_directories(maildir() + "/cur");
        std::filesystem::create_directories(maildir() + "/tmp");
        std::ofstream(maildir() + "/new/" + name, std::ios::binary) << content;
    }

    void login() {
        connection.tls = true;
        exchange("L1 LOGIN alice@example.com secret\r\n");
    }

    void close_connection() {
        connection_gone = true;
        session->on_closed();
    }

    roost::test::TempDir dir;
    config::Settings settings;
    net::Loop loop;
    std::unique_ptr<auth::Authenticator> authenticator;
    std::unique_ptr<Context> context;
    FakeConnection connection;
    std::shared_ptr<net::ByteSink> session;
    bool connection_gone = false;
};

}  // namespace roost::imap::test
