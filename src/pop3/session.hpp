// One POP3 connection: AUTHORIZATION -> TRANSACTION -> UPDATE (RFC 1939 §3).
//
// The session reads lines, parses them (proto/), checks the state in the command table
// (commands.cpp) and runs one handler (cmd/) at a time; pipelined input (RFC 2449 §6.6) waits
// in the line reader, and reading from the socket pauses, while a command is in progress.
// Disk, SQLite and password checks run on the worker pool through offload().
//
// Lifetime and threading: loop thread only. The session is owned by a shared_ptr (the
// connection's sink); every asynchronous callback keeps it alive with shared_from_this() and
// checks closed() before answering, because the Connection must not be touched after
// on_closed().
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "auth/sasl/mechanism.hpp"
#include "pop3/commands.hpp"
#include "pop3/context.hpp"
#include "pop3/mailbox_lock.hpp"
#include "pop3/maildrop.hpp"
#include "pop3/proto/line_reader.hpp"
#include "pop3/proto/writer.hpp"

namespace roost::pop3 {

class Session : public net::ByteSink, public std::enable_shared_from_this<Session> {
public:
    // RFC 1939 §3: an inactivity autologout timer "of at least 10 minutes duration".
    static constexpr uint64_t kIdleTimeoutMs = 10 * 60 * 1000;
    // Dovecot closes after this many syntax or state errors (CLIENT_MAX_BAD_COMMANDS).
    static constexpr int kMaxBadCommands = 20;
    // Body bytes dot-stuffed and queued per step while streaming RETR/TOP.
    static constexpr size_t kBodyChunk = 64 << 10;

    Session(const Context& context, net::Connection& connection);
    ~Session() override;

    // Sends the greeting and arms the idle timer.
    void start();

    // net::ByteSink
    void on_bytes(std::string_view data) override;
    void on_drain() override;
    void on_closing(net::CloseCause cause) override;
    void on_closed() override;

    // ---- for the command handlers (cmd/) and login.cpp ----

    State state() const { return state_; }
    const Context& context() const { return context_; }
    bool closed() const { return closed_; }

    // Connection facts (false once closed).
    bool tls_available() const;
    bool tls_active() const;
    // Dovecot's rule (auth/login_policy.hpp); `ssl = required` implies
    // disable_plaintext_auth, as in Dovecot.
    bool plaintext_auth_allowed() const;
    // "rip=..., lip=..., TLS" for log lines.
    std::string connection_log_fields() const;

    // Answers; ignored once the connection is closed or closing.
    void reply_ok(std::string_view text);
    void reply_err(std::string_view text);
    void send(std::string bytes);
    // Sends `status_text` as +OK, then `body` dot-stuffed in chunks as the write queue drains,
    // then the terminator; then ends the command (the handler returns Flow::Async).
    void send_body(std::string_view status_text, std::string body);
    // Flushes what is queued, then closes. `reason` goes into the disconnect log line.
    void close(std::string reason = {});

    // STLS: starts the handshake and discards input already buffered (RFC 2595 §4).
    bool start_tls();

    // Runs `work` on the worker pool, then `done` on the loop (always, even when the
    // connection closed meanwhile: check closed()). The session stays alive until then.
    void offload(std::function<void()> work, std::function<void()> done);
    // Runs `callback` after `ms` unless the session ends first.
    void after(uint64_t ms, std::function<void()> callback);
    // Ends a command whose handler returned Flow::Async; reads the next pipelined command.
    void command_finished();

    // AUTHORIZATION bookkeeping shared by USER/PASS/AUTH and login.cpp.
    struct Login {
        std::string user_from_user_command;               // USER's argument until PASS
        std::unique_ptr<auth::sasl::Mechanism> mechanism;  // set during an AUTH exchange
        std::string mechanism_name;                       // "PLAIN", "LOGIN"
        int failed_attempts = 0;
        bool plaintext_refused = false;  // USER/PASS/AUTH refused before TLS
        std::string last_user;  // for the "Aborted login" log line
        std::string method;     // of the last attempt
    };
    Login& login() { return login_; }

    // Enters TRANSACTION with the snapshot and the lock taken by login.cpp.
    void begin_transaction(std::string user, std::unique_ptr<Maildrop> maildrop, MailboxLock lock);
    // TRANSACTION and UPDATE only.
    Maildrop& maildrop() { return *maildrop_; }
    const std::string& user() const { return user_; }
    // QUIT: enters UPDATE (RFC 1939 §6).
    void enter_update() { state_ = State::Update; }
    // For the logout line (Dovecot's pop3_logout_format).
    struct Stats {
        uint64_t top_count = 0, top_bytes = 0;
        uint64_t retr_count = 0, retr_bytes = 0;
        uint64_t expunged = 0;
        bool logged_out = false;  // QUIT completed
    };
    Stats& stats() { return stats_; }

private:
    void process_input();
    void dispatch(const std::string& line);
    void bad_command(std::string_view text);
    void pump_body();
    void update_reading();
    void log_disconnect();
    void release_resources();
    std::string log_component() const;

    Context context_;
    net::Connection& connection_;
    proto::LineReader reader_;
    State state_ = State::Authorization;
    bool closed_ = false;   // on_closed() ran: never touch connection_ again
    bool closing_ = false;  // close() asked: answer nothing more
    bool busy_ = false;     // a command is in progress
    bool in_dispatch_ = false;
    bool reading_paused_ = false;
    int bad_commands_ = 0;
    int offloads_in_flight_ = 0;
    std::string close_reason_;

    // Cached for log lines written after the connection is gone.
    std::string remote_ip_, local_ip_;
    bool loopback_ = false;
    bool tls_seen_ = false;
    std::chrono::steady_clock::time_point started_;

    Login login_;
    std::string user_;
    std::unique_ptr<Maildrop> maildrop_;
    std::optional<MailboxLock> lock_;
    Stats stats_;
    std::unique_ptr<net::Loop::Timer> timer_;

    // The body being streamed by send_body().
    bool sending_body_ = false;
    std::string body_;
    size_t body_pos_ = 0;
    proto::DotStuffer stuffer_;
};

}  // namespace roost::pop3
