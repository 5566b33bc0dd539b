// A fresh IMAP session per test: a temp dir with a SQLite user database holding
// alice@example.com / "secret" ({PLAIN} hash), her mail, a real net::Loop for the offloaded
// work, and a FakeConnection.
//
// Her mail is a Maildir in the temp dir, or (StoreKind::Memory) an in-memory store
// (storage/memory/) that every session of the fixture shares, as sessions share a Maildir.
// Command tests run over both with TEMPLATE_TEST_CASE(..., OnMaildir, InMemory), so that they
// pin the storage API's behaviour rather than one backend's.
#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "auth/authenticator.hpp"
#include "auth/user_store.hpp"
#include "config/settings.hpp"
#include "imap/context.hpp"
#include "net/loop.hpp"
#include "storage/memory/memory_store.hpp"
#include "fake_connection.hpp"
#include "unit/temp_dir.hpp"

namespace roost::imap::test {

// Whether a session's output holds `part` (for answers whose other lines vary).
inline bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

enum class StoreKind { Maildir, Memory };

// TEMPLATE_TEST_CASE types: TestType::kind is the store to run over.
struct OnMaildir {
    static constexpr StoreKind kind = StoreKind::Maildir;
};
struct InMemory {
    static constexpr StoreKind kind = StoreKind::Memory;
};

class SessionFixture {
public:
    explicit SessionFixture(bool loopback = false) : SessionFixture(StoreKind::Maildir, loopback) {}

    explicit SessionFixture(StoreKind kind, bool loopback = false) : store_kind(kind) {
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
        if (store_kind == StoreKind::Memory) {
            memory_mail = storage::memory::new_memory_mail();
            context->open_store = [mail = memory_mail](const std::string&, const std::string&) {
                return storage::SResult<std::unique_ptr<storage::MailStore>>(storage::memory::open_memory_store(mail));
            };
        }
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

    // Another view of the mail the sessions see, as another session would have.
    std::unique_ptr<storage::MailStore> open_store() {
        if (store_kind == StoreKind::Memory) return storage::memory::open_memory_store(memory_mail);
        auto store = storage::open_maildir_store(maildir());
        return store ? std::move(*store) : nullptr;
    }

    bool mailbox_exists(const std::string& name) {
        auto store = open_store();
        return store && static_cast<bool>(store->status(name));
    }

    // Delivers a message into INBOX as an MTA would (LF line ends): on the Maildir a file in
    // new/ named `name` whose mtime is the INTERNALDATE, in memory an append. Messages get
    // UIDs in delivery order when their internal dates ascend.
    void deliver(const std::string& name, const std::string& content, std::optional<int64_t> internal_date = {}) {
        if (store_kind == StoreKind::Memory) {
            const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                    std::chrono::system_clock::now().time_since_epoch()).count();
            // Thrown, Catch2 fails the test with the reason.
            if (auto r = open_store()->append("INBOX", content, 0, {}, internal_date.value_or(now)); !r)
                throw std::runtime_error("deliver: " + r.error().message);
            return;
        }
        std::filesystem::create_directories(maildir() + "/new");
        std::filesystem::create_directories(maildir() + "/cur");
        std::filesystem::create_directories(maildir() + "/tmp");
        const std::string path = maildir() + "/new/" + name;
        std::ofstream(path, std::ios::binary) << content;
        if (internal_date) {
            using namespace std::chrono;
            const auto mtime = system_clock::time_point(seconds(*internal_date));
            std::filesystem::last_write_time(
                path, std::filesystem::file_time_type::clock::now() + (mtime - system_clock::now()));
        }
    }

    void login() {
        connection.tls = true;
        exchange("L1 LOGIN alice@example.com secret\r\n");
    }

    void close_connection() {
        connection_gone = true;
        session->on_closed();
    }

    StoreKind store_kind;
    std::shared_ptr<storage::memory::MemoryMail> memory_mail;  // StoreKind::Memory only
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
