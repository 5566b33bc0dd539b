#include "imap/session.hpp"

#include "auth/login_policy.hpp"
#include "auth/sasl/mechanism.hpp"
#include "base/log.hpp"
#include "base/strings.hpp"
#include "imap/commands.hpp"
#include "imap/flags.hpp"
#include "imap/mailbox_sync.hpp"
#include "imap/proto/writer.hpp"

namespace roost::imap {
namespace {

// RFC 7888 §4: once a non-synchronising literal {n+} is refused its octets are already on
// their way and cannot be told from commands; the receiver stops and the session hangs up
// (as Dovecot does) instead of executing whatever follows.
constexpr const char* kRefusedLiteralBye = "BYE Non-synchronizing literal refused, disconnecting.";

// Dovecot disconnects a client that sends nothing but errors (imap_client_max_bad... 10 in
// its login process); a broken client should not spin forever.
constexpr int kMaxConsecutiveBad = 20;

}  // namespace

Session::Session(const Context& context, net::Connection& connection)
    : context_(context), connection_(&connection) {}

Session::~Session() = default;

bool Session::tls_active() const { return connection_ && connection_->tls_active(); }
bool Session::tls_available() const { return connection_ && connection_->tls_available(); }

void Session::start() {
    connection_->set_idle_timeout(kPreLoginIdleMs);
    send(proto::untagged("OK [CAPABILITY " + capability() + "] Roost ready."));
}

// ---- input ----

void Session::on_bytes(std::string_view data) {
    bytes_in_ += data.size();
    receiver_.feed(data);
    process_input();
}

void Session::process_input() {
    if (processing_) return;
    processing_ = true;
    while (connection_ && state_ != State::Logout) {
        if (line_handler_) {
            proto::LineEvent event = receiver_.next_line();
            if (std::holds_alternative<proto::NeedMore>(event)) break;
            auto handler = std::move(line_handler_);
            line_handler_ = nullptr;
            if (auto* line = std::get_if<std::string>(&event))
                handler(std::move(*line));
            else
                handler(std::nullopt);
            continue;
        }
        if (busy_) break;
        proto::Event event = receiver_.next();
        if (std::holds_alternative<proto::NeedMore>(event)) break;
        if (auto* literal = std::get_if<proto::NeedLiteral>(&event)) {
            if (state_ == State::NotAuthenticated && literal->size > kPreLoginMaxLiteral) {
                std::string tag = receiver_.pending_tag();
                receiver_.reject_literal();
                send(tag.empty() ? proto::untagged("BAD Literal too large.")
                                 : proto::tagged(tag, "BAD", "", "Literal too large."));
                // RFC 7888 §4: the octets of a refused {n+} literal are already on their way.
                if (!literal->synchronising) {
                    send(proto::untagged(kRefusedLiteralBye));
                    close(false);
                }
                continue;
            }
            // RFC 3501 §7.5: the client waits for this before sending a synchronising literal.
            if (literal->synchronising) send(proto::continuation("Ready for literal data"));
            continue;
        }
        if (auto* error = std::get_if<proto::ParseError>(&event)) {
            if (error->tag.empty())
                send(proto::untagged("BAD Error in IMAP command received by server: " + error->text));
            else
                send(proto::tagged(error->tag, "BAD", "", "Error in IMAP command: " + error->text));
            if (error->close_connection) {
                send(proto::untagged(kRefusedLiteralBye));
                close(false);
                continue;
            }
            count_bad_command();
            continue;
        }
        dispatch(std::get<proto::Request>(std::move(event)));
    }
    processing_ = false;
    update_reading();
}

void Session::dispatch(proto::Request request) {
    if (!pending_bye_.empty()) {
        send(proto::untagged("BYE " + pending_bye_));
        close(false);
        return;
    }
    const CommandSpec* spec = find_command(request.command);
    if (!spec) {
        send(proto::tagged(request.tag, "BAD", "", "Error in IMAP command " + request.command + ": Unknown command."));
        count_bad_command();
        return;
    }
    consecutive_bad_ = 0;
    if (!(spec->states & state_bit(state_))) {
        const char* text = state_ == State::NotAuthenticated ? "Please log in first."
                           : state_ == State::Authenticated && (spec->states & kSelected) ? "No mailbox selected."
                                                                                         : "Not allowed now.";
        send(proto::tagged(request.tag, "BAD", "", text));
        return;
    }
    busy_ = true;
    sync_after_ = spec->sync_after == SyncAfter::Report;
    spec->handler(*this, std::move(request));
}

void Session::count_bad_command() {
    if (++consecutive_bad_ < kMaxConsecutiveBad) return;
    send(proto::untagged("BYE Too many invalid IMAP commands."));
    close(false);
}

// While a command runs, unprocessed input waits in the receiver; past a bound the kernel
// holds the rest (pause_reading) so a pipelining client cannot make us buffer without limit.
void Session::update_reading() {
    if (!connection_) return;
    bool should_pause = busy_ && !line_handler_ && receiver_.buffered() > kMaxBufferedInput;
    if (should_pause && !reading_paused_) {
        connection_->pause_reading();
        reading_paused_ = true;
    } else if (!should_pause && reading_paused_) {
        connection_->resume_reading();
        reading_paused_ = false;
    }
}

// ---- output and command completion ----

void Session::send(std::string text) {
    if (!connection_ || text.empty()) return;
    bytes_out_ += text.size();
    connection_->write(std::move(text));
}

void Session::finish(std::string_view tag, std::string_view status, std::string_view code, std::string_view text) {
    finish_line(proto::tagged(tag, status, code, text));
}

void Session::finish_line(std::string line) {
    // After this session deleted or renamed its own mailbox there is nothing left to sync
    // (disconnect_at_next_command).
    bool sync = sync_after_ && state_ == State::Selected && mailbox_ && pending_bye_.empty();
    sync_after_ = false;
    if (!sync) return complete(std::move(line));
    // Changes by other sessions and deliveries go out before the tagged reply, where RFC 3501
    // §7.4.1 allows EXPUNGE (the command table decides which commands qualify).
    auto report = std::make_shared<storage::SResult<std::string>>(std::string());
    storage::Mailbox* mailbox = mailbox_.get();
    offload([mailbox, report] { *report = sync_and_report(*mailbox); },
            [this, report, line = std::move(line)]() mutable {
                if (!*report && report->error().code == storage::ErrorCode::NotFound)
                    return finish_after_mailbox_vanished(std::move(line));
                if (*report)
                    send(std::move(report->value()));
                else
                    log::error("imap(" + user_ + ")", "sync of " + mailbox_->name() + " failed: " + report->error().message);
                complete(std::move(line));
            });
}

void Session::finish_after_mailbox_vanished(std::string line) {
    // Another session deleted or renamed the selected mailbox. RFC 3501 has no response that
    // takes a mailbox away from a session, so, as Dovecot does, the command completes and the
    // session ends with BYE (§7.1.5). A pipelined next command meets the same BYE in dispatch.
    pending_bye_ = "Selected mailbox was deleted, have to disconnect.";
    complete(std::move(line));
    if (!closed() && state_ != State::Logout) {
        send(proto::untagged("BYE " + pending_bye_));
        close(false);
    }
}

void Session::complete(std::string line) {
    // A keyword that a command (STORE, APPEND to the selected mailbox) or another session
    // brought into the mailbox: announce the new FLAGS before the command completes.
    if (state_ == State::Selected && mailbox_ && mailbox_->keywords().size() != announced_keywords_) {
        announced_keywords_ = mailbox_->keywords().size();
        send(flags_announcement(mailbox_->keywords(), mailbox_->read_only()));
    }
    send(std::move(line));
    busy_ = false;
    process_input();
}

void Session::offload(std::function<void()> work, std::function<void()> done) {
    auto self = shared_from_this();
    context_.loop.offload(std::move(work), [self, done = std::move(done)] {
        if (!self->closed()) done();
    });
}

void Session::when_drained(std::function<void()> next) {
    if (!connection_) return;
    if (connection_->queued_bytes() <= net::Connection::kHighWater) return next();
    drain_handler_ = std::move(next);
}

void Session::on_drain() {
    if (!drain_handler_) return;
    auto next = std::move(drain_handler_);
    drain_handler_ = nullptr;
    next();
}

void Session::read_line(std::function<void(std::optional<std::string>)> handler) {
    line_handler_ = std::move(handler);
    if (!processing_) process_input();
}

void Session::after(uint64_t ms, std::function<void()> callback) {
    std::weak_ptr<Session> weak = shared_from_this();
    timer_ = context_.loop.after(ms, [weak, callback = std::move(callback)] {
        auto self = weak.lock();
        if (self && !self->closed()) callback();
    });
}

void Session::begin_tls() {
    // RFC 3501 §6.2.1 / RFC 2595 §3.1: anything pipelined after STARTTLS was sent in clear
    // and could have been injected; it must not be executed inside the TLS session.
    receiver_.discard_buffered();
    if (connection_) connection_->start_tls();
}

void Session::close(bool logged_out) {
    logged_out_ = logged_out;
    state_ = State::Logout;
    if (connection_) connection_->close();
}

void Session::on_closing(net::CloseCause cause) {
    // RFC 3501 §7.1.5: the server sends BYE before it closes a connection on its own.
    // Responses are queued whole, so the BYE never lands inside another response.
    if (cause == net::CloseCause::IdleTimeout) {
        close_reason_ = "Inactivity";
        send(proto::untagged("BYE Disconnected for inactivity."));
    } else {
        close_reason_ = "Server shutting down";
        send(proto::untagged("BYE Server shutting down."));
    }
}

void Session::on_closed() {
    if (!connection_) return;
    log_disconnect();
    connection_ = nullptr;
    state_ = State::Logout;
    // These may hold references to the session; drop them so it can be freed.
    line_handler_ = nullptr;
    drain_handler_ = nullptr;
    timer_.reset();
}

// ---- login ----

bool Session::auth_allowed() const {
    if (!connection_) return false;
    return auth::plaintext_auth_allowed(context_.settings.ssl == config::SslMode::Required,
                                        context_.settings.disable_plaintext_auth, connection_->tls_active(),
                                        connection_->remote_is_loopback());
}

std::string Session::capability() const {
    // UIDPLUS (RFC 4315): APPENDUID and UID EXPUNGE; COPYUID comes with COPY.
    std::string caps = "IMAP4rev1 LITERAL+";
    if (state_ != State::NotAuthenticated) return caps + " UIDPLUS";
    caps += " SASL-IR";
    if (connection_ && connection_->tls_available() && !connection_->tls_active()) caps += " STARTTLS";
    if (!auth_allowed()) {
        caps += " LOGINDISABLED";  // RFC 3501 §6.2.3; Dovecot then lists no AUTH= either
        return caps;
    }
    for (const auto& mechanism : context_.settings.auth_mechanisms)
        if (auth::sasl::make_mechanism(mechanism)) caps += " AUTH=" + ascii_upper(mechanism);
    return caps;
}

std::string Session::connection_log_fields() const {
    std::string fields;
    if (!connection_) return fields;
    fields += "rip=" + connection_->remote_ip() + ", lip=" + connection_->local_ip();
    if (connection_->tls_active())
        fields += ", TLS";
    else if (connection_->remote_is_loopback())
        fields += ", secured";
    return fields;
}

void Session::logged_in(std::string user, std::unique_ptr<storage::MailStore> store, std::string_view method) {
    user_ = std::move(user);
    store_ = std::move(store);
    state_ = State::Authenticated;
    failed_logins_ = 0;
    if (connection_) connection_->set_idle_timeout(kIdleMs);
    log::info("imap-login", "Login: user=<" + user_ + ">, method=" + std::string(method) + ", " +
                                connection_log_fields());
}

void Session::login_failed(std::string_view user, std::string_view method) {
    ++failed_logins_;
    failed_user_ = user;
    failed_method_ = method;
}

void Session::log_disconnect() {
    if (!user_.empty()) {
        log::info("imap(" + user_ + ")", std::string("Disconnected: ") +
                                             (logged_out_               ? "Logged out"
                                              : close_reason_.empty() ? "Connection closed"
                                                                      : close_reason_) +
                                             " in=" + std::to_string(bytes_in_) + " out=" + std::to_string(bytes_out_) +
                                             ", " + connection_log_fields());
    } else if (failed_logins_ > 0) {
        log::info("imap-login", "Aborted login (auth failed, " + std::to_string(failed_logins_) +
                                    " attempts): user=<" + log::untrusted(failed_user_) + ">, method=" + failed_method_ +
                                    ", " + connection_log_fields());
    } else if (plaintext_refused_) {
        // Dovecot's wording, which fail2ban filters and log tools already know.
        log::info("imap-login", "Aborted login (tried to use disallowed plaintext auth): " + connection_log_fields());
    } else {
        log::info("imap-login", "Disconnected (" + (close_reason_.empty() ? "no auth attempts" : close_reason_) +
                                    "): " + connection_log_fields());
    }
}

// ---- the selected mailbox ----

std::unique_ptr<storage::Mailbox> Session::select(std::unique_ptr<storage::Mailbox> mailbox) {
    auto previous = std::move(mailbox_);
    mailbox_ = std::move(mailbox);
    state_ = State::Selected;
    // SELECT's FLAGS response (cmd/select.cpp) listed every keyword the view has now.
    announced_keywords_ = mailbox_ ? mailbox_->keywords().size() : 0;
    return previous;
}

std::unique_ptr<storage::Mailbox> Session::deselect() {
    if (state_ == State::Selected) state_ = State::Authenticated;
    return std::move(mailbox_);
}

// ---- factory ----

std::shared_ptr<net::ByteSink> make_session(const Context& context, net::Connection& connection) {
    auto session = std::make_shared<Session>(context, connection);
    session->start();
    return session;
}

}  // namespace roost::imap
