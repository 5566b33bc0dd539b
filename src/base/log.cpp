#include "base/log.hpp"

#include <atomic>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <string>

namespace roost::log {
namespace {

std::atomic<Level> g_min_level{Level::Info};
std::mutex g_write_mutex;

void append_printable(std::string& line, std::string_view text) {
    for (unsigned char c : text) line.push_back(c < 0x20 || c == 0x7f ? '?' : static_cast<char>(c));
}

const char* level_name(Level level) {
    switch (level) {
        case Level::Debug: return "Debug";
        case Level::Info: return "Info";
        case Level::Warning: return "Warning";
        case Level::Error: return "Error";
    }
    return "Info";
}

}  // namespace

void set_min_level(Level level) { g_min_level.store(level); }

std::string untrusted(std::string_view value) {
    constexpr size_t kMax = 100;
    if (value.size() <= kMax) return std::string(value);
    return std::string(value.substr(0, kMax)) + "...";
}

void write(Level level, std::string_view component, std::string_view message) {
    if (level < g_min_level.load()) return;
    std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);

    std::string line;
    line.reserve(message.size() + component.size() + 48);
    line.append(stamp).append(" ");
    append_printable(line, component);
    line.append(": ").append(level_name(level)).append(": ");
    append_printable(line, message);
    line.push_back('\n');

    std::lock_guard lock(g_write_mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

}  // namespace roost::log
