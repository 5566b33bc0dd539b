// The logger: one event is one line, whatever the network put into its text (a forged
// "Login:" line through a user name with a line break must not be possible).
#include <catch2/catch.hpp>

#include <string>

#include "base/log.hpp"
#include "unit/captured_stderr.hpp"

using namespace roost;

using roost::test::captured_stderr;

TEST_CASE("log: control characters in a message cannot start a line of their own") {
    std::string out = captured_stderr([] {
        log::info("pop3-login", "Aborted login: user=<x\n2026-12-04T07:10:00Z imap-login: Info: Login: user=<admin>\r\x7f>");
    });
    CHECK(out.find('\n') == out.size() - 1);
    CHECK(out.find("user=<x?2026-12-04T07:10:00Z imap-login: Info: Login: user=<admin>?" "?>\n") != std::string::npos);
    CHECK(out.find(" pop3-login: Info: Aborted login") != std::string::npos);
}

TEST_CASE("log: an untrusted value is cut to 100 characters") {
    CHECK(log::untrusted("alice@example.com") == "alice@example.com");
    CHECK(log::untrusted(std::string(100, 'a')) == std::string(100, 'a'));
    CHECK(log::untrusted(std::string(5000, 'a')) == std::string(100, 'a') + "...");
}
