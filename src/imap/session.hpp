// One IMAP connection: the RFC 3501 §3 state machine, input buffering with one command
// running at a time (pipelined commands wait in the receiver), STARTTLS, login bookkeeping
// and the session's view of the selected mailbox.
//
// Threading: every member runs on the loop thread. Storage work goes through offload(): the
// store and mailbox are then used by that worker only, since one command runs at a time.
// Lifetime: owned through shared_ptr by the connection; offloaded work keeps it alive, and
// after on_closed() it never touches the Connection again.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "imap/context.hpp"
#include "imap/proto/receiver.hpp"
#include "storage/mail_store.hpp"

namespace roost::imap {

enum class State { NotAuthenticated, Authenticated, Selected, Logout };

class Session : public net::ByteSink, public std::enable_shared_from_this<Session> {
public:
    static constexpr uint64_t kPreLoginIdleMs = 3 * 60 * 1000;
    // RFC 3501 §5.4: an autologout timer must be at least 30 minutes.
    static constexpr uint64_t kIdleMs = 30 * 60 * 1000;
    // Above this many octets of unprocessed input while a command runs, stop reading.
    static constexpr size_t kMaxBufferedInput = 256 * 1024;
    // Before login a literal carries at most a user name or password: refuse big ones, so
    // that an unauthenticated client cannot make the server hold megabytes.
    static constexpr uint64_t kPreLoginMaxLiteral = 64 * 1024;

    Session(const Context& context, net::Connection& connection);
    ~Session() override;

    // Sends the greeting and arms the idle timer.
    void start();

    // net::ByteSink
    void on_bytes(std::string_view data) override;
    void on_drain() override;
    void on_closing(net::CloseCause cause) override;
    void on_closed() override;

    // ---- for command handlers ----
    const Context& context() const { return context_; }
    State state() const { return state_; }
    bool closed() const { return connection_ == nullptr; }
    bool tls_active() const;
    bool tls_available() const;

    // Queues output (ignored once closed).
    void send(std::string text);
    // Sends the tagged completion and lets the next command run.
    void finish(std::string_view tag, std::string_view status, std::string_view code, std::string_view text);
    // Sends an already formatted final line (e.g. from failure_reply) and lets the next run.
    void finish_line(std::string line);
    // Runs `work` on the worker pool, then `done` on the loop thread unless the connection
    // closed meanwhile. The session stays alive until then.
    void offload(std::function<void()> work, std::function<void()> done);
    // Runs `next` once the write queue is below the high-water mark (at once if it is).
    void when_drained(std::function<void()> next);
    // Delivers the client's next raw line (AUTHENTICATE responses) or nullopt on error.
    void read_line(std::function<void(std::optional<std::string>)> handler);
    // Calls `callback` after `ms` unless the session closes first.
    void after(uint64_t ms, std::function<void()> callback);
    // RFC 3501 §6.2.1: starts TLS and discards input received before it.
    void begin_tls();
    // Closes after the queued output; state becomes Logout.
    void close(bool logged_out);

    // Whether LOGIN / AUTHENTICATE may be used now (TLS, ssl = required, the plaintext rule).
    bool auth_allowed() const;
    // The CAPABILITY list for the current state, without "* CAPABILITY".
    std::string capability() const;
    // Successful authentication: switches to Authenticated and logs the login.
    void logged_in(std::string user, std::unique_ptr<storage::MailStore> store, std::string_view method);
    void login_failed(std::string_view user, std::string_view method);
    // LOGIN/AUTHENTICATE refused before TLS (for the disconnect log line).
    void plaintext_refused() { plaintext_refused_ = true; }
    const std::string& user() const { return user_; }

    storage::MailStore& store() { return *store_; }
    storage::Mailbox* mailbox() { return mailbox_.get(); }
    // Replaces the selected mailbox (state Selected); returns the previous one so that it can
    // be destroyed off the loop.
    std::unique_ptr<storage::Mailbox> select(std::unique_ptr<storage::Mailbox> mailbox);
    std::unique_ptr<storage::Mailbox> deselect();
    // The selected mailbox was deleted or renamed by this session: like Dovecot, answer the
    // next command with "* BYE <reason>" and close, since the client's view (sequence
    // numbers, the mailbox name) can no longer be kept right.
    void disconnect_at_next_command(std::string reason) { pending_bye_ = std::move(reason); }
    // The sync behind a command found the selected mailbox gone: sends `line`, then BYE.
    void finish_after_mailbox_vanished(std::string line);

private:
    void process_input();
    void dispatch(proto::Request request);
    void update_reading();
    void count_bad_command();
    // Sends the final line (after any FLAGS announcement) and lets the next command run.
    void complete(std::string line);
    std::string connection_log_fields() const;
    void log_disconnect();

    const Context& context_;
    net::Connection* connection_;
    proto::Receiver receiver_;
    State state_ = State::NotAuthenticated;
    bool busy_ = false;        // a command is running
    bool sync_after_ = false;  // the running command reports mailbox changes (SyncAfter)
    bool processing_ = false;  // inside process_input (guards re-entry)
    bool reading_paused_ = false;
    int consecutive_bad_ = 0;
    std::function<void(std::optional<std::string>)> line_handler_;
    std::function<void()> drain_handler_;
    std::unique_ptr<net::Loop::Timer> timer_;

    std::string user_;
    std::string failed_user_;
    std::string failed_method_;
    int failed_logins_ = 0;
    bool plaintext_refused_ = false;
    bool logged_out_ = false;
    std::string pending_bye_;  // see disconnect_at_next_command
    std::string close_reason_;  // for the log line when the server closed the connection
    size_t announced_keywords_ = 0;  // how many of mailbox_->keywords() the last FLAGS listed
    uint64_t bytes_in_ = 0;
    uint64_t bytes_out_ = 0;

    std::unique_ptr<storage::MailStore> store_;
    std::unique_ptr<storage::Mailbox> mailbox_;
};

}  // namespace roost::imap
