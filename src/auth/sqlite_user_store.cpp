// UserStore on SQLite: one connection, prepared statements made once at open, WAL so that
// roostadm can add a user while roostd reads, and a busy timeout so that the two wait for
// each other instead of failing.
#include <sqlite3.h>
#include <sys/stat.h>

#include <memory>
#include <string>
#include <vector>

#include "auth/user_store.hpp"
#include "base/files.hpp"

namespace roost::auth {
namespace {

// PRAGMA user_version of the schema this code writes; bump with a migration step.
constexpr int kSchemaVersion = 1;
constexpr int kBusyTimeoutMs = 5000;

struct DbClose {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalize {
    void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using DbPtr = std::unique_ptr<sqlite3, DbClose>;
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtFinalize>;

// Resets a statement on scope exit so that it never holds a read transaction open.
class StmtScope {
public:
    explicit StmtScope(sqlite3_stmt* stmt) : stmt_(stmt) {}
    ~StmtScope() {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
    StmtScope(const StmtScope&) = delete;
    StmtScope& operator=(const StmtScope&) = delete;

private:
    sqlite3_stmt* stmt_;
};

std::string column_text(sqlite3_stmt* stmt, int column) {
    const unsigned char* text = sqlite3_column_text(stmt, column);
    if (text == nullptr) return {};
    return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(stmt, column)));
}

int bind_text(sqlite3_stmt* stmt, int index, const std::string& value) {
    return sqlite3_bind_text(stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
}

UserRecord read_row(sqlite3_stmt* stmt) {
    UserRecord user;
    user.name = column_text(stmt, 0);
    user.password_hash = column_text(stmt, 1);
    user.home = column_text(stmt, 2);
    user.mail = column_text(stmt, 3);
    user.enabled = sqlite3_column_int(stmt, 4) != 0;
    return user;
}

class SqliteUserStore final : public UserStore {
public:
    SqliteUserStore(DbPtr db, std::string path) : db_(std::move(db)), path_(std::move(path)) {}

    Result<void> prepare_all() {
        struct {
            StmtPtr* target;
            const char* sql;
        } statements[] = {
            {&find_, "SELECT name, password, home, mail, enabled FROM users WHERE name = ?1"},
            {&insert_, "INSERT INTO users (name, password, home, mail, enabled) VALUES (?1, ?2, ?3, ?4, ?5)"},
            {&delete_, "DELETE FROM users WHERE name = ?1"},
            {&update_password_, "UPDATE users SET password = ?2 WHERE name = ?1"},
            {&list_, "SELECT name, password, home, mail, enabled FROM users ORDER BY name"},
        };
        for (auto& s : statements) {
            sqlite3_stmt* raw = nullptr;
            if (sqlite3_prepare_v3(db_.get(), s.sql, -1, SQLITE_PREPARE_PERSISTENT, &raw, nullptr) != SQLITE_OK) {
                return db_error("cannot prepare statement");
            }
            s.target->reset(raw);
        }
        return {};
    }

    Result<std::optional<UserRecord>> find(const std::string& name) override {
        auto canonical = canonical_user_name(name);
        if (!canonical) return canonical.error();
        StmtScope scope(find_.get());
        if (bind_text(find_.get(), 1, *canonical) != SQLITE_OK) return db_error("cannot bind");
        int rc = sqlite3_step(find_.get());
        if (rc == SQLITE_DONE) return std::optional<UserRecord>();
        if (rc != SQLITE_ROW) return db_error("cannot look up user");
        return std::optional<UserRecord>(read_row(find_.get()));
    }

    Result<void> add(const UserRecord& user) override {
        auto canonical = canonical_user_name(user.name);
        if (!canonical) return canonical.error();
        StmtScope scope(insert_.get());
        sqlite3_stmt* s = insert_.get();
        if (bind_text(s, 1, *canonical) != SQLITE_OK || bind_text(s, 2, user.password_hash) != SQLITE_OK ||
            bind_text(s, 3, user.home) != SQLITE_OK || bind_text(s, 4, user.mail) != SQLITE_OK ||
            sqlite3_bind_int(s, 5, user.enabled ? 1 : 0) != SQLITE_OK) {
            return db_error("cannot bind");
        }
        int rc = sqlite3_step(s);
        if (rc == SQLITE_CONSTRAINT) return make_error("user " + *canonical + " already exists");
        if (rc != SQLITE_DONE) return db_error("cannot add user");
        return {};
    }

    Result<void> remove(const std::string& name) override {
        auto canonical = canonical_user_name(name);
        if (!canonical) return canonical.error();
        StmtScope scope(delete_.get());
        if (bind_text(delete_.get(), 1, *canonical) != SQLITE_OK) return db_error("cannot bind");
        if (sqlite3_step(delete_.get()) != SQLITE_DONE) return db_error("cannot remove user");
        if (sqlite3_changes(db_.get()) == 0) return make_error("user " + *canonical + " does not exist");
        return {};
    }

    Result<void> set_password_hash(const std::string& name, const std::string& hash) override {
        auto canonical = canonical_user_name(name);
        if (!canonical) return canonical.error();
        StmtScope scope(update_password_.get());
        if (bind_text(update_password_.get(), 1, *canonical) != SQLITE_OK ||
            bind_text(update_password_.get(), 2, hash) != SQLITE_OK) {
            return db_error("cannot bind");
        }
        if (sqlite3_step(update_password_.get()) != SQLITE_DONE) return db_error("cannot change password");
        if (sqlite3_changes(db_.get()) == 0) return make_error("user " + *canonical + " does not exist");
        return {};
    }

    Result<std::vector<UserRecord>> list() override {
        StmtScope scope(list_.get());
        std::vector<UserRecord> users;
        for (;;) {
            int rc = sqlite3_step(list_.get());
            if (rc == SQLITE_DONE) break;
            if (rc != SQLITE_ROW) return db_error("cannot list users");
            users.push_back(read_row(list_.get()));
        }
        return users;
    }

private:
    Error db_error(const std::string& what) const {
        return make_error(what + " in " + path_ + ": " + sqlite3_errmsg(db_.get()));
    }

    DbPtr db_;
    std::string path_;
    StmtPtr find_, insert_, delete_, update_password_, list_;
};

Result<void> exec(sqlite3* db, const std::string& path, const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message != nullptr ? message : sqlite3_errmsg(db);
        sqlite3_free(message);
        return make_error(path + ": " + text);
    }
    return {};
}

Result<int> read_user_version(sqlite3* db, const std::string& path) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &raw, nullptr) != SQLITE_OK) {
        return make_error(path + ": " + sqlite3_errmsg(db));
    }
    StmtPtr stmt(raw);
    if (sqlite3_step(stmt.get()) != SQLITE_ROW) return make_error(path + ": " + sqlite3_errmsg(db));
    return sqlite3_column_int(stmt.get(), 0);
}

// Creates or checks the schema inside one IMMEDIATE transaction, so that two processes
// opening a new database at once cannot both try to create it.
Result<void> ensure_schema(sqlite3* db, const std::string& path) {
    if (auto r = exec(db, path, "BEGIN IMMEDIATE"); !r) return r;
    auto version = read_user_version(db, path);
    Result<void> outcome;
    if (!version) {
        outcome = version.error();
    } else if (*version == 0) {
        outcome = exec(db, path,
                       "CREATE TABLE users ("
                       "  name TEXT PRIMARY KEY NOT NULL,"
                       "  password TEXT NOT NULL,"
                       "  home TEXT NOT NULL DEFAULT '',"
                       "  mail TEXT NOT NULL DEFAULT '',"
                       "  enabled INTEGER NOT NULL DEFAULT 1);"
                       "PRAGMA user_version = 1;");
    } else if (*version > kSchemaVersion) {
        outcome = make_error(path + ": user database schema version " + std::to_string(*version) +
                             " is newer than this program understands (" + std::to_string(kSchemaVersion) + ")");
    }
    if (!outcome) {
        (void)exec(db, path, "ROLLBACK");
        return outcome;
    }
    return exec(db, path, "COMMIT");
}

}  // namespace

Result<std::unique_ptr<UserStore>> UserStore::open(const std::string& path) {
    bool is_new = !files::exists(path);
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    DbPtr db(raw);
    if (rc != SQLITE_OK) {
        std::string reason = raw != nullptr ? sqlite3_errmsg(raw) : "out of memory";
        return make_error("cannot open user database " + path + ": " + reason);
    }
    // The file holds password hashes: owner only. SQLite gives -wal and -shm the same mode.
    if (is_new) ::chmod(path.c_str(), 0600);
    sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
    if (auto r = exec(db.get(), path, "PRAGMA journal_mode = WAL"); !r) return r.error();
    if (auto r = ensure_schema(db.get(), path); !r) return r.error();
    auto store = std::make_unique<SqliteUserStore>(std::move(db), path);
    if (auto r = store->prepare_all(); !r) return r.error();
    return std::unique_ptr<UserStore>(std::move(store));
}

}  // namespace roost::auth
