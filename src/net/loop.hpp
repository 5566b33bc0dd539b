// The event loop (libuv) behind a small interface, plus timers, signals and the worker pool.
// Nothing outside net/ includes <uv.h>.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

namespace roost::net {

class Loop {
public:
    Loop();
    ~Loop();
    Loop(const Loop&) = delete;
    Loop& operator=(const Loop&) = delete;

    // Runs until stop() is called and every handle is closed.
    void run();
    // Asks run() to return: listeners close, then the loop drains. Safe from loop callbacks.
    void stop();

    // Calls `handler` on the loop thread whenever `signum` arrives (SIGTERM, SIGINT...).
    void on_signal(int signum, std::function<void()> handler);

    // One-shot timer. Cancelling (or destroying the returned Timer) prevents the call.
    class Timer {
    public:
        virtual ~Timer() = default;
        virtual void cancel() = 0;
    };
    std::unique_ptr<Timer> after(uint64_t ms, std::function<void()> callback);

    // Runs `work` on the worker pool (libuv's threadpool), then `done` on the loop thread.
    // `work` must not touch loop-owned state; `done` may. This is how disk I/O, fsync,
    // SQLite writes and password hashing stay off the loop.
    void offload(std::function<void()> work, std::function<void()> done);

    // Registers a callback run by stop() (listeners close themselves this way).
    void on_stop(std::function<void()> callback);

    struct Impl;
    Impl& impl() { return *impl_; }

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace roost::net
