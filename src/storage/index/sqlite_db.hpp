// A thin RAII layer over the SQLite C API: one connection, prepared statements, and
// BEGIN IMMEDIATE transactions. Errors come back as values carrying sqlite3_errmsg().
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace roost::storage::index {

class Statement {
public:
    Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
    Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) { other.stmt_ = nullptr; }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement& operator=(Statement&&) = delete;
    ~Statement();

    // Parameters are numbered from 1, as in SQLite.
    Statement& bind(int index, int64_t value);
    Statement& bind(int index, std::string_view text);

    // true: a row is ready; false: done. Errors carry the SQLite message.
    Result<bool> step();
    // Steps to completion, for statements that return no rows.
    Result<void> run();
    void reset();

    int64_t column_int(int index) const;
    std::string column_text(int index) const;

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_;
};

class SqliteDb {
public:
    // Opens (creating) the database, in WAL mode with `busy_timeout_ms` of waiting for locks,
    // so that several sessions and processes of one user share it.
    static Result<std::unique_ptr<SqliteDb>> open(const std::string& path, int busy_timeout_ms);
    ~SqliteDb();
    SqliteDb(const SqliteDb&) = delete;
    SqliteDb& operator=(const SqliteDb&) = delete;

    Result<void> exec(const std::string& sql);
    Result<Statement> prepare(std::string_view sql);
    int64_t last_insert_rowid() const;
    // What tells a reader cheaply that nothing changed: PRAGMA data_version (moves when another
    // connection commits) and the rows this connection itself changed so far.
    struct ChangeCounters {
        int64_t others = 0;
        int64_t own = 0;
        bool operator==(const ChangeCounters&) const = default;
    };
    Result<ChangeCounters> change_counters();
    const std::string& path() const { return path_; }

private:
    SqliteDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
    sqlite3* db_;
    std::string path_;
};

// BEGIN IMMEDIATE takes the write lock at once, so two writers never both read a UIDNEXT and
// then race to bump it. Rolls back on destruction unless commit() succeeded.
class Transaction {
public:
    static Result<Transaction> begin(SqliteDb& db);
    Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    Transaction& operator=(Transaction&&) = delete;
    ~Transaction();
    Result<void> commit();

private:
    explicit Transaction(SqliteDb* db) : db_(db) {}
    SqliteDb* db_;
};

}  // namespace roost::storage::index
