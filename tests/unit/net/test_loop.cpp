// net::Loop: timers, the worker pool, signals and stop(). These pin the contract the
// sessions rely on: `done` of an offload runs on the loop thread (session state is
// loop-only), a cancelled timer never fires, and stop() lets run() return.
#include <catch2/catch.hpp>

#include <csignal>
#include <stdexcept>
#include <thread>

#include "net/loop.hpp"
#include "net_test_support.hpp"

using roost::net::Loop;

TEST_CASE("timers fire once; cancelled or destroyed timers never fire", "[net][loop]") {
    // Sessions delay the reply to a failed login (DESIGN.md: failure penalty) with a timer and
    // cancel it when the client disconnects; a cancelled timer firing would touch a dead session.
    Loop loop;
    int fired = 0, cancelled_fired = 0, destroyed_fired = 0;
    auto t1 = loop.after(5, [&] { ++fired; });
    auto t2 = loop.after(1, [&] { ++cancelled_fired; });
    t2->cancel();
    t2->cancel();  // a second cancel is harmless
    loop.after(1, [&] { ++destroyed_fired; });  // the returned Timer dies at once: cancelled
    loop.run();  // returns when no timer is left
    CHECK(fired == 1);
    CHECK(cancelled_fired == 0);
    CHECK(destroyed_fired == 0);
    t1->cancel();  // after firing: a no-op
}

TEST_CASE("a timer callback may destroy its own Timer", "[net][loop]") {
    // The usual pattern: the callback resets the member that holds the timer.
    Loop loop;
    std::unique_ptr<Loop::Timer> timer;
    bool fired = false;
    timer = loop.after(1, [&] {
        fired = true;
        timer.reset();
    });
    loop.run();
    CHECK(fired);
    CHECK(timer == nullptr);
}

TEST_CASE("offload runs work off the loop thread and done on it", "[net][loop]") {
    // DESIGN.md: the loop never blocks; disk, SQLite and hashing go to the worker pool.
    Loop loop;
    auto loop_thread = std::this_thread::get_id();
    std::thread::id work_thread, done_thread;
    int result = 0;
    loop.offload(
        [&] {
            work_thread = std::this_thread::get_id();
            result = 42;
        },
        [&] { done_thread = std::this_thread::get_id(); });
    loop.run();
    CHECK(result == 42);
    CHECK(work_thread != loop_thread);
    CHECK(done_thread == loop_thread);
}

TEST_CASE("an exception in offloaded work is contained and done still runs", "[net][loop]") {
    // Team rule: no exception may escape a libuv callback; a session awaiting `done` must
    // still be resumed or it would hang forever.
    Loop loop;
    bool done = false;
    loop.offload([] { throw std::runtime_error("disk on fire"); }, [&] { done = true; });
    loop.after(1, [] { throw std::runtime_error("timer callback failure"); });
    loop.run();
    CHECK(done);
}

TEST_CASE("a signal runs its handler on the loop and stop() ends run()", "[net][loop]") {
    // roostd stops on SIGTERM/SIGINT this way.
    Loop loop;
    bool handled = false, stop_callback = false;
    loop.on_stop([&] { stop_callback = true; });
    loop.on_signal(SIGUSR1, [&] {
        handled = true;
        loop.stop();
    });
    auto kick = loop.after(1, [] { std::raise(SIGUSR1); });
    roost::net::test::Watchdog watchdog(loop, 3000);
    loop.on_stop([&] { watchdog.disarm(); });
    loop.run();
    CHECK(handled);
    CHECK(stop_callback);
    CHECK_FALSE(watchdog.fired);
}
