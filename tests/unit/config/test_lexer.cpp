// One line of Dovecot config syntax (doc.dovecot.org "Config file syntax"): the pieces the
// parser builds on, and the quoting that dump_settings relies on to be read back.
#include <catch2/catch.hpp>

#include "config/lexer.hpp"

using roost::config::lexer::Line;
using roost::config::lexer::lex_line;
using roost::config::lexer::quote_value;

TEST_CASE("Dovecot syntax: key = value runs to the end of the line, trimmed", "[config][lexer]") {
    auto line = lex_line("  mail_location =   maildir:/var/mail/%d/%n  x  ");
    REQUIRE(line);
    CHECK(line->kind == Line::Kind::Setting);
    CHECK(line->key == "mail_location");
    CHECK(line->value == "maildir:/var/mail/%d/%n  x");
    CHECK_FALSE(line->quoted);

    auto tight = lex_line("key=value");
    REQUIRE(tight);
    CHECK(tight->key == "key");
    CHECK(tight->value == "value");

    auto empty = lex_line("key =");
    REQUIRE(empty);
    CHECK(empty->kind == Line::Kind::Setting);
    CHECK(empty->value.empty());
}

TEST_CASE("Dovecot syntax: '#' starts a comment only at the start or after a space", "[config][lexer]") {
    CHECK(lex_line("# whole line")->kind == Line::Kind::Blank);
    CHECK(lex_line("    # indented")->kind == Line::Kind::Blank);
    CHECK(lex_line("")->kind == Line::Kind::Blank);
    CHECK(lex_line(" \t ")->kind == Line::Kind::Blank);
    CHECK(lex_line("key = a#b")->value == "a#b");
    CHECK(lex_line("key = a #b")->value == "a");
    CHECK(lex_line("key = a\t# tab before")->value == "a");
    CHECK(lex_line("key = # only a comment")->value.empty());
}

TEST_CASE("Dovecot syntax: quoted values keep spaces and '#', backslash escapes", "[config][lexer]") {
    auto dq = lex_line(R"(key = "  a # b  "  # comment)");
    REQUIRE(dq);
    CHECK(dq->value == "  a # b  ");
    CHECK(dq->quoted);
    auto sq = lex_line("key = 'it''");
    CHECK_FALSE(sq);  // text after the closing quote
    auto esc = lex_line(R"(key = "say \"hi\" \\o/")");
    REQUIRE(esc);
    CHECK(esc->value == R"(say "hi" \o/)");
    auto single = lex_line("key = 'a \"b\"'");
    REQUIRE(single);
    CHECK(single->value == "a \"b\"");

    auto open = lex_line("key = \"never closed");
    REQUIRE_FALSE(open);
    CHECK(open.error().message == "missing closing \"");
    CHECK(lex_line("key = \"a\" b").error().message == "unexpected text after the closing quote");
}

TEST_CASE("Dovecot syntax: key = <file names a file; the path may be quoted", "[config][lexer]") {
    auto line = lex_line("ssl_cert = </etc/roost/ssl/cert.pem");
    REQUIRE(line);
    CHECK(line->file_ref);
    CHECK(line->value == "/etc/roost/ssl/cert.pem");
    auto quoted = lex_line("ssl_cert = <\"/a b/#c.pem\"");
    REQUIRE(quoted);
    CHECK(quoted->file_ref);
    CHECK(quoted->quoted);
    CHECK(quoted->value == "/a b/#c.pem");
    CHECK(lex_line("ssl_cert = \"<not a file\"")->file_ref == false);
    CHECK_FALSE(lex_line("ssl_cert = <"));
}

TEST_CASE("Dovecot syntax: section [name] { and }", "[config][lexer]") {
    auto named = lex_line("service imap-login {");
    REQUIRE(named);
    CHECK(named->kind == Line::Kind::SectionOpen);
    CHECK(named->key == "service");
    CHECK(named->value == "imap-login");
    auto unnamed = lex_line("passdb{  # comment");
    REQUIRE(unnamed);
    CHECK(unnamed->kind == Line::Kind::SectionOpen);
    CHECK(unnamed->value.empty());
    auto quoted = lex_line("inet_listener \"imap\" {");
    REQUIRE(quoted);
    CHECK(quoted->value == "imap");
    CHECK(lex_line("  }  # end")->kind == Line::Kind::SectionClose);

    CHECK_FALSE(lex_line("} x"));
    CHECK_FALSE(lex_line("passdb { driver = sqlite }"));  // contents go on the next lines
    CHECK_FALSE(lex_line("service a b {"));
    CHECK_FALSE(lex_line("listen"));
    CHECK_FALSE(lex_line("= value"));
}

TEST_CASE("Dovecot syntax: !include and !include_try", "[config][lexer]") {
    auto inc = lex_line("!include conf.d/*.conf");
    REQUIRE(inc);
    CHECK(inc->kind == Line::Kind::Include);
    CHECK_FALSE(inc->include_try);
    CHECK(inc->value == "conf.d/*.conf");
    auto try_ = lex_line("!include_try local.conf # optional");
    REQUIRE(try_);
    CHECK(try_->include_try);
    CHECK(try_->value == "local.conf");
    CHECK(lex_line("!inclde x").error().message == "unknown directive '!inclde'");
    CHECK_FALSE(lex_line("!include"));
}

TEST_CASE("quote_value output reads back unchanged (dump_settings round trip)", "[config][lexer]") {
    auto value = GENERATE(as<std::string>{}, "", "plain", "maildir:/var/mail/%d/%n/Maildir", " lead", "trail ",
                          "a # b", "a#b", "$home/x", "<file", "\"q\"", "'s'", "back\\slash", "*, ::");
    auto line = lex_line("key = " + quote_value(value));
    REQUIRE(line);
    CHECK(line->value == value);
    CHECK_FALSE(line->file_ref);
    bool needs_quotes = value.find_first_of("$#\\") != std::string::npos ||
                        (!value.empty() && (value.front() == ' ' || value.back() == ' ' || value.front() == '<' ||
                                            value.front() == '"' || value.front() == '\''));
    CHECK(line->quoted == needs_quotes);
}
