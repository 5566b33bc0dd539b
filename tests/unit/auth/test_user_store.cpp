// UserStore on SQLite: CRUD, case-insensitive names, schema versioning, reopen.
#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <sys/stat.h>

#include "auth/user_store.hpp"
#include "unit/temp_dir.hpp"

using namespace roost::auth;

namespace {

UserRecord make_user(const std::string& name, const std::string& hash = "{PLAIN}pw") {
    UserRecord u;
    u.name = name;
    u.password_hash = hash;
    return u;
}

int user_version_of(const std::string& path) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    int version = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return version;
}

void set_user_version(const std::string& path, int version) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    std::string sql = "PRAGMA user_version = " + std::to_string(version);
    REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
}

}  // namespace

TEST_CASE("UserStore adds, finds, changes, lists and removes users", "[auth][store]") {
    roost::test::TempDir dir;
    REQUIRE(!dir.path().empty());
    auto opened = UserStore::open(dir.file("users.db"));
    REQUIRE(opened.ok());
    auto& store = *opened;

    UserRecord alice = make_user("alice@example.com", "{PLAIN}one");
    alice.home = "/home/alice";
    alice.mail = "maildir:~/Mail";
    REQUIRE(store->add(alice).ok());
    REQUIRE(store->add(make_user("bob@example.com")).ok());

    auto found = store->find("alice@example.com");
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    CHECK((*found)->name == "alice@example.com");
    CHECK((*found)->password_hash == "{PLAIN}one");
    CHECK((*found)->home == "/home/alice");
    CHECK((*found)->mail == "maildir:~/Mail");
    CHECK((*found)->enabled);

    SECTION("names are matched case-insensitively (stored case-folded)") {
        auto upper = store->find("ALICE@Example.Com");
        REQUIRE(upper.ok());
        CHECK(upper->has_value());
        auto dup = store->add(make_user("Alice@EXAMPLE.com"));
        REQUIRE_FALSE(dup.ok());
        CHECK(dup.error().message.find("already exists") != std::string::npos);
    }
    SECTION("a missing user is not an error") {
        auto missing = store->find("carol@example.com");
        REQUIRE(missing.ok());
        CHECK_FALSE(missing->has_value());
    }
    SECTION("an invalid name is an error, not a lookup") {
        CHECK_FALSE(store->find("../etc@passwd").ok());
        CHECK_FALSE(store->add(make_user("no-domain")).ok());
    }
    SECTION("set_password_hash changes only that user") {
        REQUIRE(store->set_password_hash("alice@example.com", "{PLAIN}two").ok());
        CHECK((*store->find("alice@example.com"))->password_hash == "{PLAIN}two");
        CHECK((*store->find("bob@example.com"))->password_hash == "{PLAIN}pw");
        CHECK_FALSE(store->set_password_hash("carol@example.com", "{PLAIN}x").ok());
    }
    SECTION("list is sorted by name") {
        auto all = store->list();
        REQUIRE(all.ok());
        REQUIRE(all->size() == 2);
        CHECK((*all)[0].name == "alice@example.com");
        CHECK((*all)[1].name == "bob@example.com");
    }
    SECTION("remove deletes once, then reports the user missing") {
        REQUIRE(store->remove("BOB@example.com").ok());
        CHECK_FALSE(store->find("bob@example.com")->has_value());
        auto again = store->remove("bob@example.com");
        REQUIRE_FALSE(again.ok());
        CHECK(again.error().message.find("does not exist") != std::string::npos);
    }
    SECTION("disabled users keep their flag") {
        UserRecord dan = make_user("dan@example.com");
        dan.enabled = false;
        REQUIRE(store->add(dan).ok());
        CHECK_FALSE((*store->find("dan@example.com"))->enabled);
    }
}

TEST_CASE("UserStore data survives reopening, and the schema is versioned", "[auth][store]") {
    roost::test::TempDir dir;
    std::string path = dir.file("users.db");
    {
        auto store = UserStore::open(path);
        REQUIRE(store.ok());
        REQUIRE((*store)->add(make_user("erin@example.com")).ok());
    }
    CHECK(user_version_of(path) == 1);
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);  // password hashes: owner only
    {
        auto store = UserStore::open(path);
        REQUIRE(store.ok());
        CHECK((*store)->find("erin@example.com")->has_value());
    }
    SECTION("a database from a newer Roost is refused, not rewritten") {
        set_user_version(path, 99);
        auto store = UserStore::open(path);
        REQUIRE_FALSE(store.ok());
        CHECK(store.error().message.find("newer") != std::string::npos);
    }
}

TEST_CASE("UserStore::open reports a path it cannot create", "[auth][store]") {
    roost::test::TempDir dir;
    auto store = UserStore::open(dir.file("missing-dir/users.db"));
    CHECK_FALSE(store.ok());
}
