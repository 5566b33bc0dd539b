#include "storage/index/sqlite_db.hpp"

#include <sqlite3.h>

namespace roost::storage::index {
namespace {

Error sqlite_error(sqlite3* db, std::string_view what) {
    return make_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

}  // namespace

Statement::~Statement() {
    if (stmt_ != nullptr) sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
}

Result<bool> Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return sqlite_error(db_, "sqlite step");
}

Result<void> Statement::run() {
    for (;;) {
        auto r = step();
        if (!r) return r.error();
        if (!*r) break;
    }
    reset();
    return {};
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

int64_t Statement::column_int(int index) const { return sqlite3_column_int64(stmt_, index); }

std::string Statement::column_text(int index) const {
    const auto* text = sqlite3_column_text(stmt_, index);
    int len = sqlite3_column_bytes(stmt_, index);
    return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(len));
}

Result<std::unique_ptr<SqliteDb>> SqliteDb::open(const std::string& path, int busy_timeout_ms) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    if (rc != SQLITE_OK) {
        Error e = make_error("cannot open index " + path + ": " + (raw ? sqlite3_errmsg(raw) : "out of memory"));
        sqlite3_close(raw);
        return e;
    }
    std::unique_ptr<SqliteDb> db(new SqliteDb(raw, path));
    // The timeout first: switching to WAL itself needs a lock another opener may hold.
    sqlite3_busy_timeout(raw, busy_timeout_ms);
    if (auto r = db->exec("PRAGMA journal_mode=WAL"); !r) return r.error();
    // NORMAL is durable across application crashes in WAL mode; the Maildir files are fsynced
    // before their rows are written, and a lost row is re-found by the next sync.
    if (auto r = db->exec("PRAGMA synchronous=NORMAL"); !r) return r.error();
    return db;
}

SqliteDb::~SqliteDb() { sqlite3_close_v2(db_); }

Result<void> SqliteDb::exec(const std::string& sql) {
    char* msg = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
        std::string text = msg ? msg : sqlite3_errmsg(db_);
        sqlite3_free(msg);
        return make_error("sqlite: " + text + " (in: " + sql.substr(0, 60) + ")");
    }
    return {};
}

Result<Statement> SqliteDb::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
        return sqlite_error(db_, "sqlite prepare");
    return Statement(db_, stmt);
}

int64_t SqliteDb::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

Result<SqliteDb::ChangeCounters> SqliteDb::change_counters() {
    auto stmt = prepare("PRAGMA data_version");
    if (!stmt) return stmt.error();
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return make_error("sqlite: PRAGMA data_version returned no row");
    return ChangeCounters{stmt->column_int(0), sqlite3_total_changes64(db_)};
}

Result<Transaction> Transaction::begin(SqliteDb& db) {
    if (auto r = db.exec("BEGIN IMMEDIATE"); !r) return r.error();
    return Transaction(&db);
}

Transaction::~Transaction() {
    if (db_ != nullptr) (void)db_->exec("ROLLBACK");
}

Result<void> Transaction::commit() {
    auto r = db_->exec("COMMIT");
    if (r) db_ = nullptr;
    return r;
}

}  // namespace roost::storage::index
