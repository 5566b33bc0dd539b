// What the logger (base/log, which writes to stderr) printed while a piece of test code ran:
// for tests that pin log lines administrators and fail2ban filters rely on.
#pragma once

#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <unistd.h>

namespace roost::test {

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

}  // namespace roost::test
