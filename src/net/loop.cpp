// The libuv loop behind net::Loop: signals, one-shot timers, the worker pool and an orderly
// stop (listeners and signal watchers close, live connections are closed, and run() returns
// once libuv has no active handles left).
#include "net/loop.hpp"

#include <csignal>
#include <exception>
#include <string>
#include <utility>

#include "base/log.hpp"
#include "net/loop_impl.hpp"

namespace roost::net {

void run_guarded(const char* what, const std::function<void()>& fn) noexcept {
    try {
        fn();
    } catch (const std::exception& e) {
        log::error("net", std::string("uncaught exception in ") + what + ": " + e.what());
    } catch (...) {
        log::error("net", std::string("uncaught exception in ") + what);
    }
}

struct SignalWatch {
    uv_signal_t handle{};
    std::function<void()> handler;
};

class TimerHandle;

// Heap state of one timer: the uv handle must outlive the Timer object until uv_close's
// callback runs, so the two are separate and point at each other until either side ends.
struct TimerState {
    uv_timer_t handle{};
    std::function<void()> callback;
    TimerHandle* owner = nullptr;
    Loop::Impl* loop = nullptr;
};

namespace {

void close_timer(TimerState* state);

}  // namespace

class TimerHandle final : public Loop::Timer {
public:
    explicit TimerHandle(TimerState* state) : state_(state) {}
    ~TimerHandle() override { cancel(); }
    void cancel() override {
        if (state_ != nullptr) close_timer(state_);
    }
    void detach() { state_ = nullptr; }

private:
    TimerState* state_;
};

namespace {

void close_timer(TimerState* state) {
    if (state->owner != nullptr) state->owner->detach();
    state->owner = nullptr;
    state->loop->timers.erase(state);
    uv_timer_stop(&state->handle);
    uv_close(reinterpret_cast<uv_handle_t*>(&state->handle),
             [](uv_handle_t* h) { delete static_cast<TimerState*>(h->data); });
}

struct WorkRequest {
    uv_work_t req{};
    std::function<void()> work;
    std::function<void()> done;
};

void close_signal(SignalWatch* watch) {
    uv_signal_stop(&watch->handle);
    uv_close(reinterpret_cast<uv_handle_t*>(&watch->handle),
             [](uv_handle_t* h) { delete static_cast<SignalWatch*>(h->data); });
}

}  // namespace

Loop::Loop() : impl_(std::make_unique<Impl>()) {
    // A peer that resets the connection while we write must produce EPIPE, not kill the
    // process; every program built on this layer wants that.
    std::signal(SIGPIPE, SIG_IGN);
    int rc = uv_loop_init(&impl_->loop);
    if (rc != 0) {
        log::error("net", std::string("uv_loop_init: ") + uv_strerror(rc));
        std::terminate();
    }
    impl_->loop.data = impl_.get();
    uv_prepare_init(&impl_->loop, &impl_->flush_prepare);
    impl_->flush_prepare.data = impl_.get();
}

void schedule_flush(Loop::Impl& loop, LiveConnection* connection) {
    if (!loop.needs_flush.insert(connection).second || loop.needs_flush.size() > 1) return;
    uv_prepare_start(&loop.flush_prepare, [](uv_prepare_t* h) {
        auto* impl = static_cast<Loop::Impl*>(h->data);
        auto pending = std::move(impl->needs_flush);
        impl->needs_flush.clear();
        for (LiveConnection* c : pending) c->flush();
        // An active prepare handle keeps uv_run going: stop it while there is nothing to do.
        if (impl->needs_flush.empty()) uv_prepare_stop(&impl->flush_prepare);
    });
}

Loop::~Loop() {
    stop();
    // Timers still owned by someone are closed too; their owners see a detached handle.
    auto timers = impl_->timers;
    for (TimerState* t : timers) close_timer(t);
    uv_close(reinterpret_cast<uv_handle_t*>(&impl_->flush_prepare), nullptr);
    uv_run(&impl_->loop, UV_RUN_DEFAULT);
    if (uv_loop_close(&impl_->loop) == UV_EBUSY) {
        // A handle outside our registries (should not happen): close it so the loop can end.
        uv_walk(
            &impl_->loop,
            [](uv_handle_t* h, void*) {
                if (!uv_is_closing(h)) uv_close(h, nullptr);
            },
            nullptr);
        uv_run(&impl_->loop, UV_RUN_DEFAULT);
        uv_loop_close(&impl_->loop);
    }
}

void Loop::run() { uv_run(&impl_->loop, UV_RUN_DEFAULT); }

void Loop::stop() {
    if (impl_->stopping) return;
    impl_->stopping = true;
    auto callbacks = std::move(impl_->stop_callbacks);
    impl_->stop_callbacks.clear();
    for (auto& cb : callbacks) run_guarded("stop callback", cb);
    for (SignalWatch* watch : impl_->signals) close_signal(watch);
    impl_->signals.clear();
    // close() removes nothing from the set synchronously, but copy anyway: a session's
    // on_bytes could run no code here, yet a future close() might.
    auto connections = impl_->connections;
    for (LiveConnection* c : connections) c->close_for_shutdown();
}

void Loop::on_signal(int signum, std::function<void()> handler) {
    if (impl_->stopping) return;
    auto* watch = new SignalWatch;
    watch->handler = std::move(handler);
    uv_signal_init(&impl_->loop, &watch->handle);
    watch->handle.data = watch;
    int rc = uv_signal_start(
        &watch->handle,
        [](uv_signal_t* h, int) {
            auto* w = static_cast<SignalWatch*>(h->data);
            run_guarded("signal handler", w->handler);
        },
        signum);
    if (rc != 0) {
        log::error("net", std::string("cannot watch signal: ") + uv_strerror(rc));
        close_signal(watch);
        return;
    }
    impl_->signals.push_back(watch);
}

std::unique_ptr<Loop::Timer> Loop::after(uint64_t ms, std::function<void()> callback) {
    auto* state = new TimerState;
    state->callback = std::move(callback);
    state->loop = impl_.get();
    uv_timer_init(&impl_->loop, &state->handle);
    state->handle.data = state;
    auto timer = std::make_unique<TimerHandle>(state);
    state->owner = timer.get();
    impl_->timers.insert(state);
    uv_timer_start(
        &state->handle,
        [](uv_timer_t* h) {
            auto* s = static_cast<TimerState*>(h->data);
            // Detach first: the callback may destroy the Timer object that owns us.
            auto cb = std::move(s->callback);
            close_timer(s);
            run_guarded("timer", cb);
        },
        ms, 0);
    return timer;
}

void Loop::offload(std::function<void()> work, std::function<void()> done) {
    auto* request = new WorkRequest;
    request->work = std::move(work);
    request->done = std::move(done);
    request->req.data = request;
    int rc = uv_queue_work(
        &impl_->loop, &request->req,
        [](uv_work_t* req) { run_guarded("offloaded work", static_cast<WorkRequest*>(req->data)->work); },
        [](uv_work_t* req, int status) {
            std::unique_ptr<WorkRequest> r(static_cast<WorkRequest*>(req->data));
            // `done` runs even when `work` threw (it was logged): a session waiting for the
            // result must still be resumed, and sees whatever result `work` left behind.
            if (status == UV_ECANCELED) log::warning("net", "offloaded work was cancelled");
            run_guarded("offload completion", r->done);
        });
    if (rc != 0) {
        log::error("net", std::string("uv_queue_work: ") + uv_strerror(rc));
        delete request;
    }
}

void Loop::on_stop(std::function<void()> callback) {
    if (impl_->stopping) {
        run_guarded("stop callback", callback);
        return;
    }
    impl_->stop_callbacks.push_back(std::move(callback));
}

}  // namespace roost::net
