// Logging to stderr, one line per event, in the shape Dovecot administrators know:
//   2026-12-03T18:12:12Z imap-login: Info: Login: user=<a@example.com>, rip=127.0.0.1, TLS
// Thread-safe: lines from worker threads are written whole. Control characters in a message
// become '?', so that text from the network can never start a forged line of its own.
#pragma once

#include <string>
#include <string_view>

namespace roost::log {

enum class Level { Debug, Info, Warning, Error };

// Lines below this level are dropped (set from the config's log settings).
void set_min_level(Level level);

void write(Level level, std::string_view component, std::string_view message);

// A value that came from the network (a user name before it was checked), cut to 100
// characters ("..." marks the cut) so that a client cannot flood the log through it.
std::string untrusted(std::string_view value);

inline void debug(std::string_view component, std::string_view message) { write(Level::Debug, component, message); }
inline void info(std::string_view component, std::string_view message) { write(Level::Info, component, message); }
inline void warning(std::string_view component, std::string_view message) { write(Level::Warning, component, message); }
inline void error(std::string_view component, std::string_view message) { write(Level::Error, component, message); }

}  // namespace roost::log
