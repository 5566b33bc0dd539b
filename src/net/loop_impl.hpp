// Private to net/: what Loop keeps behind its pimpl, shared by the listener and connection
// code. This header includes <uv.h>, so it must never be included outside src/net/.
#pragma once

#include <uv.h>

#include <functional>
#include <unordered_set>
#include <vector>

#include "net/loop.hpp"

namespace roost::net {

// Implemented by every live TCP connection so that Loop::stop() can close it.
class LiveConnection {
public:
    virtual void close() = 0;

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
};

// Logs and swallows any exception: no exception may unwind through a libuv callback.
void run_guarded(const char* what, const std::function<void()>& fn) noexcept;

}  // namespace roost::net
