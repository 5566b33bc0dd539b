// pop3::proto::parse_command: every command of RFC 1939, RFC 2449 (CAPA), RFC 2595 (STLS) and
// RFC 5034 (AUTH), keyword case, numeric arguments and line limits.
#include <catch2/catch.hpp>

#include <string>

#include "pop3/proto/parser.hpp"

using namespace roost::pop3::proto;

namespace {

Command parse_ok(const std::string& line) {
    auto r = parse_command(line);
    INFO("line: " << line);
    REQUIRE(r.ok());
    return r.value();
}

ParseError parse_err(const std::string& line) {
    auto r = parse_command(line);
    INFO("line: " << line);
    REQUIRE_FALSE(r.ok());
    return r.error();
}

}  // namespace

TEST_CASE("POP3 keywords are case-insensitive (RFC 1939 §3)", "[pop3][parser]") {
    auto line = GENERATE(as<std::string>{}, "STAT", "stat", "Stat", "sTaT");
    CHECK(std::holds_alternative<Stat>(parse_ok(line)));
    CHECK(command_name(parse_ok("noop")) == "NOOP");
}

TEST_CASE("POP3 commands without arguments (RFC 1939 §5, RFC 2449 §5, RFC 2595 §4)", "[pop3][parser]") {
    CHECK(std::holds_alternative<Stat>(parse_ok("STAT")));
    CHECK(std::holds_alternative<Rset>(parse_ok("RSET")));
    CHECK(std::holds_alternative<Noop>(parse_ok("NOOP")));
    CHECK(std::holds_alternative<Quit>(parse_ok("QUIT")));
    CHECK(std::holds_alternative<Capa>(parse_ok("CAPA")));
    CHECK(std::holds_alternative<Stls>(parse_ok("STLS")));
    // A trailing space (some scripts send "QUIT ") is not an argument.
    CHECK(std::holds_alternative<Quit>(parse_ok("QUIT ")));

    auto line = GENERATE(as<std::string>{}, "STAT 1", "RSET x", "NOOP 1", "QUIT now", "CAPA X", "STLS 1");
    ParseError e = parse_err(line);
    CHECK(e.kind == ParseError::Kind::BadArguments);
    CHECK(e.text == "Too many arguments.");
}

TEST_CASE("POP3 USER and PASS arguments (RFC 1939 §7)", "[pop3][parser]") {
    CHECK(std::get<User>(parse_ok("USER alice@example.com")).name == "alice@example.com");
    CHECK(std::get<User>(parse_ok("user Bob@Example.COM")).name == "Bob@Example.COM");
    // RFC 1939 §7: the password may contain spaces; PASS keeps the rest of the line exactly.
    CHECK(std::get<Pass>(parse_ok("PASS secret with  spaces ")).password == "secret with  spaces ");
    CHECK(std::get<Pass>(parse_ok("PASS  lead")).password == " lead");

    CHECK(parse_err("USER").kind == ParseError::Kind::BadArguments);
    CHECK(parse_err("USER   ").kind == ParseError::Kind::BadArguments);
    CHECK(parse_err("PASS").kind == ParseError::Kind::BadArguments);
    CHECK(parse_err("PASS").text == "PASS requires a password.");
}

TEST_CASE("POP3 LIST and UIDL take an optional message number (RFC 1939 §5, §7)", "[pop3][parser]") {
    CHECK_FALSE(std::get<List>(parse_ok("LIST")).message.has_value());
    CHECK(std::get<List>(parse_ok("LIST 3")).message == 3u);
    CHECK_FALSE(std::get<Uidl>(parse_ok("uidl")).message.has_value());
    CHECK(std::get<Uidl>(parse_ok("UIDL 12")).message == 12u);
    CHECK(std::get<List>(parse_ok("LIST 4294967295")).message == 4294967295u);
    // 0 is syntactically a number; the session answers "no such message".
    CHECK(std::get<List>(parse_ok("LIST 0")).message == 0u);

    CHECK(parse_err("LIST 1 2").text == "Too many arguments.");
    CHECK(parse_err("UIDL x").text == "Invalid message number: x");
}

TEST_CASE("POP3 message numbers are decimal without sign and without overflow", "[pop3][parser]") {
    auto arg = GENERATE(as<std::string>{}, "-1", "+1", "1a", "0x10", "4294967296", "99999999999999999999999", "1.0");
    for (const char* cmd : {"RETR ", "DELE ", "LIST ", "UIDL "}) {
        ParseError e = parse_err(cmd + arg);
        CHECK(e.kind == ParseError::Kind::BadArguments);
        CHECK(e.text == "Invalid message number: " + arg);
    }
}

TEST_CASE("POP3 RETR and DELE need exactly one message number (RFC 1939 §5)", "[pop3][parser]") {
    CHECK(std::get<Retr>(parse_ok("RETR 1")).message == 1u);
    CHECK(std::get<Dele>(parse_ok("dele 7")).message == 7u);
    CHECK(std::get<Retr>(parse_ok("RETR 007")).message == 7u);
    CHECK(parse_err("RETR").text == "Message number required.");
    CHECK(parse_err("DELE").text == "Message number required.");
    CHECK(parse_err("RETR 1 2").text == "Too many arguments.");
}

TEST_CASE("POP3 TOP msg n (RFC 1939 §7)", "[pop3][parser]") {
    Top t = std::get<Top>(parse_ok("TOP 2 10"));
    CHECK(t.message == 2u);
    CHECK(t.lines == 10u);
    CHECK(std::get<Top>(parse_ok("top 1 0")).lines == 0u);
    CHECK(std::get<Top>(parse_ok("TOP 1 18446744073709551615")).lines == 18446744073709551615ull);

    CHECK(parse_err("TOP").text == "Message number and line count required.");
    CHECK(parse_err("TOP 1").text == "Message number and line count required.");
    CHECK(parse_err("TOP 1 2 3").text == "Too many arguments.");
    CHECK(parse_err("TOP x 2").text == "Invalid message number: x");
    CHECK(parse_err("TOP 1 -2").text == "Invalid line count: -2");
    CHECK(parse_err("TOP 1 18446744073709551616").text == "Invalid line count: 18446744073709551616");
}

TEST_CASE("POP3 AUTH mechanism and initial response (RFC 5034 §4)", "[pop3][parser]") {
    Auth a = std::get<Auth>(parse_ok("AUTH plain"));
    CHECK(a.mechanism == "PLAIN");
    CHECK_FALSE(a.initial.has_value());

    a = std::get<Auth>(parse_ok("auth PLAIN AGFsaWNlAHNlY3JldA=="));
    CHECK(a.mechanism == "PLAIN");
    CHECK(a.initial == std::string("AGFsaWNlAHNlY3JldA=="));

    // "=" is the empty initial response; the parser keeps it for the session to interpret.
    CHECK(std::get<Auth>(parse_ok("AUTH LOGIN =")).initial == std::string("="));
    // A bare AUTH lists the mechanisms (pre-RFC 5034 clients).
    CHECK(std::get<Auth>(parse_ok("AUTH")).mechanism.empty());
    CHECK(parse_err("AUTH PLAIN a b").text == "Too many arguments.");
}

TEST_CASE("POP3 unknown commands and APOP", "[pop3][parser]") {
    auto line = GENERATE(as<std::string>{}, "", "XYZZY", "RETRIEVE 1", " STAT", "STAT\t", "HELO x");
    ParseError e = parse_err(line);
    CHECK(e.kind == ParseError::Kind::UnknownCommand);
    CHECK(e.text == "Unknown command.");
    // RFC 1939 §7 makes APOP optional; Roost does not store the shared secret it needs.
    CHECK(parse_err("APOP mrose c4c9334bac560ecc979e58001b3e22fb").text == "APOP is not supported.");
}

TEST_CASE("POP3 command line limit of 255 octets including CRLF (RFC 2449 §4)", "[pop3][parser]") {
    std::string at_limit = "USER " + std::string(kMaxCommandLine - 5, 'a');
    REQUIRE(at_limit.size() == 253);
    CHECK(std::holds_alternative<User>(parse_ok(at_limit)));
    ParseError e = parse_err(at_limit + "a");
    CHECK(e.kind == ParseError::Kind::TooLong);

    // AUTH carries base64 SASL data and is allowed up to kMaxAuthLine.
    std::string long_auth = "AUTH PLAIN " + std::string(4000, 'A');
    CHECK(std::get<Auth>(parse_ok(long_auth)).initial->size() == 4000);
    CHECK(parse_err("AUTH PLAIN " + std::string(kMaxAuthLine, 'A')).kind == ParseError::Kind::TooLong);
}

TEST_CASE("POP3 lines with NUL bytes are refused", "[pop3][parser]") {
    CHECK(parse_err(std::string("USER a\0b", 8)).kind == ParseError::Kind::BadArguments);
    CHECK(parse_err(std::string("PASS a\0b", 8)).text == "Invalid NUL byte in command.");
}
