// The logger: one event is one line, whatever the network put into its text (a forged
// "Login:" line through a user name with a line break must not be possible).
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <unistd.h>

#include "base/log.hpp"

using namespace roost;

namespace {

// What log::write printed to stderr while `emit` ran.
template <typename Emit>
std::string captured_stderr(Emit emit) {
    std::fflush(stderr);
    std::FILE* sink = std::tmpfile();
    REQUIRE(sink != nullptr);
    int saved = ::dup(2);
    ::dup2(::fileno(sink), 2);
    emit();
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    std::string text;
    std::rewind(sink);
    for (int c; (c = std::fgetc(sink)) != EOF;) text.push_back(static_cast<char>(c));
    std::fclose(sink);
    return text;
}

}  // namespace

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
