// POP3 command syntax. RFC 1939 §3: "Commands in the POP3 consist of a case-insensitive
// keyword, possibly followed by one or more arguments ... separated by a single SPACE".
// We accept runs of spaces between numeric arguments (a harmless leniency many servers
// share), but keep PASS's argument byte for byte since a password may contain spaces.
#include "pop3/proto/parser.hpp"

#include <limits>

#include "base/strings.hpp"

namespace roost::pop3::proto {
namespace {

using Parsed = Result<Command, ParseError>;

ParseError bad(std::string text) { return ParseError{ParseError::Kind::BadArguments, std::move(text)}; }

std::optional<uint32_t> parse_message_number(std::string_view word) {
    auto n = parse_decimal(word, std::numeric_limits<uint32_t>::max());
    if (!n) return std::nullopt;
    return static_cast<uint32_t>(*n);
}

// Commands that take no argument.
template <class C>
Parsed no_args(const std::vector<std::string_view>& args) {
    if (!args.empty()) return bad("Too many arguments.");
    return Command{C{}};
}

// LIST and UIDL: an optional message number.
template <class C>
Parsed optional_message(const std::vector<std::string_view>& args) {
    if (args.empty()) return Command{C{}};
    if (args.size() > 1) return bad("Too many arguments.");
    auto n = parse_message_number(args[0]);
    if (!n) return bad("Invalid message number: " + std::string(args[0]));
    return Command{C{*n}};
}

// RETR and DELE: exactly one message number.
template <class C>
Parsed one_message(const std::vector<std::string_view>& args) {
    if (args.empty()) return bad("Message number required.");
    if (args.size() > 1) return bad("Too many arguments.");
    auto n = parse_message_number(args[0]);
    if (!n) return bad("Invalid message number: " + std::string(args[0]));
    return Command{C{*n}};
}

Parsed parse_top(const std::vector<std::string_view>& args) {
    // RFC 1939 §7: TOP msg n, both required; n may be 0 (headers only).
    if (args.size() < 2) return bad("Message number and line count required.");
    if (args.size() > 2) return bad("Too many arguments.");
    auto n = parse_message_number(args[0]);
    if (!n) return bad("Invalid message number: " + std::string(args[0]));
    auto lines = parse_decimal(args[1]);
    if (!lines) return bad("Invalid line count: " + std::string(args[1]));
    return Command{Top{*n, *lines}};
}

Parsed parse_auth(const std::vector<std::string_view>& args) {
    if (args.empty()) return Command{Auth{}};
    if (args.size() > 2) return bad("Too many arguments.");
    Auth auth;
    auth.mechanism = ascii_upper(args[0]);
    if (args.size() == 2) auth.initial = std::string(args[1]);
    return Command{std::move(auth)};
}

}  // namespace

Result<Command, ParseError> parse_command(std::string_view line) {
    if (line.find('\0') != std::string_view::npos) return bad("Invalid NUL byte in command.");
    size_t space = line.find(' ');
    std::string keyword = ascii_upper(line.substr(0, space));
    std::string_view rest = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);

    // RFC 2449 §4 limits command lines to 255 octets; AUTH carries SASL data and gets more.
    size_t limit = keyword == "AUTH" ? kMaxAuthLine : kMaxCommandLine;
    if (line.size() > limit) return ParseError{ParseError::Kind::TooLong, "Command line too long."};

    if (keyword == "USER") {
        std::string_view name = trim(rest);
        if (name.empty()) return bad("USER requires a user name.");
        return Command{User{std::string(name)}};
    }
    if (keyword == "PASS") {
        if (rest.empty()) return bad("PASS requires a password.");
        return Command{Pass{std::string(rest)}};
    }

    std::vector<std::string_view> args = split_words(rest);
    if (keyword == "AUTH") return parse_auth(args);
    if (keyword == "STAT") return no_args<Stat>(args);
    if (keyword == "LIST") return optional_message<List>(args);
    if (keyword == "RETR") return one_message<Retr>(args);
    if (keyword == "TOP") return parse_top(args);
    if (keyword == "UIDL") return optional_message<Uidl>(args);
    if (keyword == "DELE") return one_message<Dele>(args);
    if (keyword == "RSET") return no_args<Rset>(args);
    if (keyword == "NOOP") return no_args<Noop>(args);
    if (keyword == "QUIT") return no_args<Quit>(args);
    if (keyword == "CAPA") return no_args<Capa>(args);
    if (keyword == "STLS") return no_args<Stls>(args);
    // RFC 1939 §7 makes APOP optional; its MD5 shared secret needs plaintext passwords on
    // the server, which Roost never stores.
    if (keyword == "APOP") return ParseError{ParseError::Kind::UnknownCommand, "APOP is not supported."};
    return ParseError{ParseError::Kind::UnknownCommand, "Unknown command."};
}

std::string_view command_name(const Command& command) {
    static constexpr std::string_view kNames[] = {"USER", "PASS", "AUTH", "STAT", "LIST", "RETR", "TOP",
                                                  "UIDL", "DELE", "RSET", "NOOP", "QUIT", "CAPA", "STLS"};
    static_assert(std::size(kNames) == std::variant_size_v<Command>);
    return kNames[command.index()];
}

}  // namespace roost::pop3::proto
