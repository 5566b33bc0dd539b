#include "pop3/session.hpp"

#include <algorithm>
#include <utility>

#include "auth/login_policy.hpp"
#include "base/log.hpp"
#include "pop3/cmd/handlers.hpp"
#include "pop3/proto/parser.hpp"

namespace roost::pop3 {

std::shared_ptr<net::ByteSink> make_session(const Context& context, net::Connection& connection) {
    auto session = std::make_shared<Session>(context, connection);
    session->start();
    return session;
}

// The reader accepts AUTH-sized lines; the parser applies RFC 2449's 255 octets to the rest.
Session::Session(const Context& context, net::Connection& connection)
    : context_(context), connection_(connection), reader_(proto::kMaxAuthLine) {
    remote_ip_ = connection.remote_ip();
    local_ip_ = connection.local_ip();
    loopback_ = connection.remote_is_loopback();
    tls_seen_ = connection.tls_active();
    started_ = std::chrono::steady_clock::now();
}

Session::~Session() = default;

void Session::start() {
    connection_.set_idle_timeout(kIdleTimeoutMs);
    // RFC 1939 §4: the greeting is a positive response. No APOP timestamp: APOP is not offered.
    reply_ok("Roost ready.");
}

// ---- net::ByteSink ----

void Session::on_bytes(std::string_view data) {
    if (closed_ || closing_) return;
    tls_seen_ = tls_seen_ || connection_.tls_active();
    reader_.feed(data);
    process_input();
}

void Session::on_drain() {
    if (closed_) return;
    // A slow client downloading a large message sends nothing meanwhile; progress on the
    // write side counts as activity too.
    connection_.set_idle_timeout(kIdleTimeoutMs);
    if (sending_body_) pump_body();
}

void Session::on_closed() {
    if (closed_) return;
    closed_ = true;
    closing_ = true;
    sending_body_ = false;
    body_.clear();
    timer_.reset();
    // RFC 1939 §6: without QUIT the session never enters UPDATE, so nothing is deleted.
    log_disconnect();
    if (offloads_in_flight_ == 0) release_resources();
}

// ---- input ----

void Session::process_input() {
    if (in_dispatch_) return;  // command_finished() from inside a handler: the loop below goes on
    in_dispatch_ = true;
    while (!busy_ && !closing_) {
        proto::LineReader::Next next = reader_.next();
        if (next.status == proto::LineReader::Status::NeedMore) break;
        if (next.status == proto::LineReader::Status::TooLong) {
            // Dovecot answers and disconnects: the rest of the input cannot be trusted to be
            // in step with our responses any more.
            reply_err("Input line too long.");
            close("Input line too long");
            break;
        }
        dispatch(next.line);
    }
    in_dispatch_ = false;
    update_reading();
}

void Session::dispatch(const std::string& line) {
    if (login_.mechanism) {
        // RFC 5034 §4: during an AUTH exchange every line is a SASL response, not a command.
        busy_ = true;
        if (cmd::auth_continue(*this, line) == Flow::Done) busy_ = false;
        return;
    }
    auto parsed = proto::parse_command(line);
    if (!parsed) {
        bad_command(parsed.error().text);
        return;
    }
    const CommandSpec& spec = command_spec(*parsed);
    if ((spec.states & state_bit(state_)) == 0) {
        bad_command(state_ == State::Authorization ? "Not logged in." : "Command not allowed in this state.");
        return;
    }
    busy_ = true;
    if (spec.handler(*this, *parsed) == Flow::Done) busy_ = false;
}

void Session::bad_command(std::string_view text) {
    reply_err(text);
    if (++bad_commands_ > kMaxBadCommands) {
        reply_err("Too many bad commands.");
        close("Too many bad commands");
    }
}

void Session::command_finished() {
    busy_ = false;
    if (closed_) {
        if (offloads_in_flight_ == 0) release_resources();
        return;
    }
    process_input();
}

void Session::update_reading() {
    if (closed_) return;
    // While a command runs, let the kernel hold further pipelined input (bounded memory).
    bool want_pause = busy_ || closing_;
    if (want_pause && !reading_paused_) connection_.pause_reading();
    if (!want_pause && reading_paused_) connection_.resume_reading();
    reading_paused_ = want_pause;
}

// ---- output ----

void Session::send(std::string bytes) {
    if (closed_ || closing_) return;
    connection_.write(std::move(bytes));
}

void Session::reply_ok(std::string_view text) { send(proto::ok(text)); }

void Session::reply_err(std::string_view text) { send(proto::err(text)); }

void Session::send_body(std::string_view status_text, std::string body) {
    reply_ok(status_text);
    body_ = std::move(body);
    body_pos_ = 0;
    stuffer_ = proto::DotStuffer();
    sending_body_ = true;
    pump_body();
}

void Session::pump_body() {
    // Queue chunks only while the write queue is below its high-water mark; on_drain()
    // brings us back. At most one message is held in memory (body_).
    while (sending_body_ && !closed_ && body_pos_ < body_.size() &&
           connection_.queued_bytes() < net::Connection::kHighWater) {
        size_t n = std::min(kBodyChunk, body_.size() - body_pos_);
        send(stuffer_.encode(std::string_view(body_).substr(body_pos_, n)));
        body_pos_ += n;
    }
    if (!sending_body_ || closed_ || body_pos_ < body_.size()) return;
    send(stuffer_.finish());
    sending_body_ = false;
    body_.clear();
    body_.shrink_to_fit();
    command_finished();
}

void Session::on_closing(net::CloseCause cause) {
    // Silent on purpose: RFC 1939 §3 has the autologout timer close "without ... sending any
    // response to the client"; the reason only goes to the log.
    close_reason_ = cause == net::CloseCause::IdleTimeout ? "Inactivity" : "Server shutting down";
}

void Session::close(std::string reason) {
    if (closed_ || closing_) return;
    if (!reason.empty()) close_reason_ = std::move(reason);
    closing_ = true;
    // close() may call on_closed() before it returns; nothing may follow it here.
    connection_.close();
}

bool Session::start_tls() {
    if (closed_ || closing_) return false;
    if (!connection_.start_tls()) return false;
    // RFC 2595 §4: anything the client sent after STLS and before the handshake is discarded.
    reader_.clear();
    tls_seen_ = true;
    return true;
}

// ---- connection facts ----

bool Session::tls_available() const { return !closed_ && connection_.tls_available(); }

bool Session::tls_active() const { return !closed_ && connection_.tls_active(); }

bool Session::plaintext_auth_allowed() const {
    return auth::plaintext_auth_allowed(context_.settings.ssl == config::SslMode::Required,
                                        context_.settings.disable_plaintext_auth, tls_active(), loopback_);
}

std::string Session::connection_log_fields() const {
    std::string out = "rip=" + remote_ip_ + ", lip=" + local_ip_;
    bool tls = closed_ ? tls_seen_ : connection_.tls_active();
    if (tls) {
        out += ", TLS";
    } else if (loopback_) {
        out += ", secured";  // Dovecot's word for a trusted, unencrypted (loopback) peer
    }
    return out;
}

// ---- asynchronous work ----

void Session::offload(std::function<void()> work, std::function<void()> done) {
    ++offloads_in_flight_;
    auto self = shared_from_this();
    context_.loop.offload(std::move(work), [self, done = std::move(done)] {
        --self->offloads_in_flight_;
        done();
        if (self->closed_ && self->offloads_in_flight_ == 0) self->release_resources();
    });
}

void Session::after(uint64_t ms, std::function<void()> callback) {
    std::weak_ptr<Session> weak = weak_from_this();
    timer_ = context_.loop.after(ms, [weak, callback = std::move(callback)] {
        if (auto self = weak.lock()) {
            self->timer_.reset();
            callback();
        }
    });
}

// ---- TRANSACTION ----

void Session::begin_transaction(std::string user, std::unique_ptr<Maildrop> maildrop, MailboxLock lock) {
    user_ = std::move(user);
    maildrop_ = std::move(maildrop);
    lock_.emplace(std::move(lock));
    state_ = State::Transaction;
}

void Session::release_resources() {
    lock_.reset();
    if (maildrop_) {
        // Closing the mailbox may checkpoint SQLite: off the loop like every other disk step.
        std::shared_ptr<Maildrop> doomed(std::move(maildrop_));
        context_.loop.offload([doomed]() mutable { doomed.reset(); }, [] {});
    }
}

// ---- logging ----

std::string Session::log_component() const { return user_.empty() ? "pop3-login" : "pop3(" + user_ + ")"; }

void Session::log_disconnect() {
    if (user_.empty()) {
        auto secs = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started_);
        std::string what;
        if (!close_reason_.empty()) {
            what = "Disconnected (" + close_reason_ + ")";
        } else if (login_.failed_attempts > 0) {
            what = "Aborted login (auth failed, " + std::to_string(login_.failed_attempts) + " attempts in " +
                   std::to_string(secs.count()) + " secs)";
        } else if (login_.plaintext_refused) {
            what = "Aborted login (tried to use disallowed plaintext auth)";  // Dovecot's wording
        } else {
            what = "Disconnected (no auth attempts in " + std::to_string(secs.count()) + " secs)";
        }
        std::string fields = "user=<" + log::untrusted(login_.last_user) + ">";
        if (!login_.method.empty()) fields += ", method=" + login_.method;
        log::info("pop3-login", what + ": " + fields + ", " + connection_log_fields());
        return;
    }
    // Dovecot's pop3_logout_format: top=%t/%p, retr=%r/%b, del=%d/%m, size=%s.
    std::string what = stats_.logged_out ? "Logged out"
                       : close_reason_.empty() ? "Connection closed"
                                               : close_reason_;
    std::string counts = "top=" + std::to_string(stats_.top_count) + "/" + std::to_string(stats_.top_bytes) +
                         ", retr=" + std::to_string(stats_.retr_count) + "/" + std::to_string(stats_.retr_bytes) +
                         ", del=" + std::to_string(stats_.expunged) + "/" +
                         std::to_string(maildrop_ ? maildrop_->size() : 0) +
                         ", size=" + std::to_string(maildrop_ ? maildrop_->total_octets() : 0);
    log::info(log_component(), "Disconnected: " + what + " " + counts + ", " + connection_log_fields());
}

}  // namespace roost::pop3
