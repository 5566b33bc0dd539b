// Private to net/: what Loop keeps behind its pimpl, shared by the listener and connection
// code. This header includes <uv.h>, so it must never be included outside src/net/.
#pragma once

#include <uv.h>

#include <functional>
#include <memory>
#include <unordered_set>
#include <vector>

#include "net/loop.hpp"

namespace roost::net {

// Implemented by every live TCP connection so that Loop::stop() can close it.
class LiveConnection {
public:
    // Loop::stop(): tells the session (ByteSink::on_closing), then closes.
    virtual void close_for_shutdown() = 0;
    // Hands the bytes written since the last flush to the socket (see Loop::Impl::flush_prepare).
    virtual void flush() = 0;

protected:
    ~LiveConnection() = default;
};

struct SignalWatch;
struct TimerState;

struct Loop::Impl {
    uv_loop_t loop{};
    bool stopping = false;
    std::vector<std::function<void()>> stop_callbacks;
    std::vector<SignalWatch*> signals;
    std::unordered_set<TimerState*> timers;
    std::unordered_set<LiveConnection*> connections;
    // Writes are coalesced: a session's many small writes during one callback become one
    // uv_write (and one TLS record) when this prepare handle runs, just before the loop polls.
    uv_prepare_t flush_prepare{};
    // One read buffer for every connection: libuv calls alloc and then read for one stream
    // at a time, and sessions consume (or copy) the bytes before the callback returns, so
    // idle connections hold no buffer.
    static constexpr size_t kReadBufferSize = 64 * 1024;
    std::unique_ptr<char[]> read_buffer{new char[kReadBufferSize]};
    std::unordered_set<LiveConnection*> needs_flush;
};

// Marks `connection` for flushing before the loop next waits for I/O.
void schedule_flush(Loop::Impl& loop, LiveConnection* connection);

// Logs and swallows any exception: no exception may unwind through a libuv callback.
void run_guarded(const char* what, const std::function<void()>& fn) noexcept;

}  // namespace roost::net
