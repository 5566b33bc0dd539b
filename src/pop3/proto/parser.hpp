// POP3 command lines -> typed commands (RFC 1939 §3, RFC 2449 CAPA, RFC 2595 STLS, RFC 5034 AUTH).
// Pure: no I/O, no session state. The session answers a ParseError with "-ERR <text>".
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "base/result.hpp"

namespace roost::pop3::proto {

// RFC 2449 §4: a command line is at most 255 octets including the CRLF.
constexpr size_t kMaxCommandLine = 255 - 2;
// AUTH lines carry base64 SASL data (RFC 5034 §4 sets no limit); this is what we accept.
constexpr size_t kMaxAuthLine = 8192;

struct User { std::string name; };
struct Pass { std::string password; };  // the rest of the line: passwords may hold spaces
// `mechanism` empty: a bare "AUTH", which lists the mechanisms (pre-RFC 5034 clients).
// `initial` is the RFC 5034 §4 initial response still in base64 ("=" means empty).
struct Auth {
    std::string mechanism;  // upper case
    std::optional<std::string> initial;
};
struct Stat {};
struct List { std::optional<uint32_t> message; };
struct Retr { uint32_t message = 0; };
struct Top {
    uint32_t message = 0;
    uint64_t lines = 0;
};
struct Uidl { std::optional<uint32_t> message; };
struct Dele { uint32_t message = 0; };
struct Rset {};
struct Noop {};
struct Quit {};
struct Capa {};
struct Stls {};

// The order is the command table's index (commands.cpp); append only.
using Command = std::variant<User, Pass, Auth, Stat, List, Retr, Top, Uidl, Dele, Rset, Noop, Quit, Capa, Stls>;

struct ParseError {
    enum class Kind { UnknownCommand, BadArguments, TooLong };
    Kind kind;
    std::string text;  // what follows "-ERR "
};

// Parses one line without its CRLF/LF. Keywords are case-insensitive (RFC 1939 §3); numeric
// arguments are decimal, without sign, and must fit (message numbers: 32 bits). Whether a
// message number names a message (0 never does) is the session's question, not syntax.
Result<Command, ParseError> parse_command(std::string_view line);

// The keyword of a command, upper case ("RETR"), for logs and the command table.
std::string_view command_name(const Command& command);

}  // namespace roost::pop3::proto
