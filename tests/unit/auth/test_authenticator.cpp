// Authenticator end to end on a temporary SQLite database: the path a LOGIN, AUTHENTICATE or
// POP3 PASS takes once the protocol layer has the name and password.
#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "auth/authenticator.hpp"
#include "auth/password.hpp"
#include "auth/user_store.hpp"
#include "unit/temp_dir.hpp"

using namespace roost::auth;

namespace {

void add_user(const std::string& db, const std::string& name, const std::string& hash, const std::string& home = "",
              const std::string& mail = "", bool enabled = true) {
    auto store = UserStore::open(db);
    REQUIRE(store.ok());
    UserRecord u;
    u.name = name;
    u.password_hash = hash;
    u.home = home;
    u.mail = mail;
    u.enabled = enabled;
    REQUIRE((*store)->add(u).ok());
}

}  // namespace

TEST_CASE("Authenticator accepts the right password and resolves the Maildir", "[auth][authenticator]") {
    roost::test::TempDir dir;
    std::string db = dir.file("users.db");
    auto hash = hash_password("s3cret!");
    REQUIRE(hash.ok());
    add_user(db, "alice@example.com", *hash);
    Authenticator auth(db, "maildir:" + dir.path() + "/mail/%d/%n/Maildir");

    auto ok = auth.authenticate("alice@example.com", "s3cret!");
    REQUIRE(ok.has_value());
    CHECK(ok->name == "alice@example.com");
    CHECK(ok->maildir_root == dir.path() + "/mail/example.com/alice/Maildir");

    SECTION("user names are case-insensitive; the canonical name is returned") {
        auto mixed = auth.authenticate("Alice@EXAMPLE.com", "s3cret!");
        REQUIRE(mixed.has_value());
        CHECK(mixed->name == "alice@example.com");
    }
    SECTION("a wrong password fails") {
        CHECK_FALSE(auth.authenticate("alice@example.com", "s3cret").has_value());
        CHECK_FALSE(auth.authenticate("alice@example.com", "").has_value());
    }
}

TEST_CASE("Authenticator refuses unknown, disabled and malformed users alike", "[auth][authenticator]") {
    roost::test::TempDir dir;
    std::string db = dir.file("users.db");
    add_user(db, "bob@example.com", "{PLAIN}pw");
    add_user(db, "off@example.com", "{PLAIN}pw", "", "", false);
    Authenticator auth(db, "maildir:/srv/mail/%d/%n");

    CHECK(auth.authenticate("bob@example.com", "pw").has_value());
    CHECK_FALSE(auth.authenticate("nobody@example.com", "pw").has_value());
    CHECK_FALSE(auth.authenticate("off@example.com", "pw").has_value());
    CHECK_FALSE(auth.authenticate("../../etc@passwd", "pw").has_value());
    CHECK_FALSE(auth.authenticate("bob", "pw").has_value());
}

TEST_CASE("a user's own mail column overrides the mail_location template", "[auth][authenticator]") {
    roost::test::TempDir dir;
    std::string db = dir.file("users.db");
    add_user(db, "carol@example.com", "{PLAIN}pw", "/home/carol", "maildir:~/OtherMail:INDEX=/tmp/x");
    add_user(db, "dave@example.com", "{PLAIN}pw", "");
    Authenticator auth(db, "maildir:%h/Maildir");

    auto carol = auth.authenticate("carol@example.com", "pw");
    REQUIRE(carol.has_value());
    CHECK(carol->maildir_root == "/home/carol/OtherMail");
    // The template needs %h and dave has no home: the login fails rather than guessing a path.
    CHECK_FALSE(auth.authenticate("dave@example.com", "pw").has_value());
}

TEST_CASE("Authenticator opens the store lazily and sees users added later", "[auth][authenticator]") {
    roost::test::TempDir dir;
    std::string db = dir.file("users.db");
    // roostd may start before the first `roostadm user add` creates the database.
    Authenticator auth(db, "maildir:/srv/%u");
    CHECK_FALSE(auth.authenticate("erin@example.com", "pw").has_value());
    add_user(db, "erin@example.com", "{PLAIN}pw");
    CHECK(auth.authenticate("erin@example.com", "pw").has_value());
}

TEST_CASE("Authenticator fails closed when the database cannot be opened", "[auth][authenticator]") {
    roost::test::TempDir dir;
    Authenticator auth(dir.file("no/such/dir/users.db"), "maildir:/srv/%u");
    CHECK_FALSE(auth.authenticate("frank@example.com", "pw").has_value());
}

TEST_CASE("Authenticator is safe to call from several worker threads", "[auth][authenticator]") {
    roost::test::TempDir dir;
    std::string db = dir.file("users.db");
    for (int i = 0; i < 4; ++i) add_user(db, "u" + std::to_string(i) + "@example.com", "{PLAIN}pw" + std::to_string(i));
    Authenticator auth(db, "maildir:/srv/%d/%n");
    std::vector<int> successes(4, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 25; ++round) {
                std::string name = "u" + std::to_string(t) + "@example.com";
                if (auth.authenticate(name, "pw" + std::to_string(t))) ++successes[static_cast<size_t>(t)];
            }
        });
    }
    for (auto& th : threads) th.join();
    for (int count : successes) CHECK(count == 25);
}
