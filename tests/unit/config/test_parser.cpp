// Dovecot config files as a tree: sections, !include globs, <file values, $key references,
// and every syntax error reported as "file:line: reason" with the exact line.
#include <catch2/catch.hpp>

#include <filesystem>

#include "config/parser.hpp"
#include "unit/temp_dir.hpp"

using roost::config::Node;
using roost::config::parse_file;
using roost::config::parse_text;
using roost::test::TempDir;

namespace {

std::string error_of(const std::string& text, const std::string& base_dir = "/nonexistent") {
    auto parsed = parse_text(text, "t.conf", base_dir);
    return parsed ? std::string("(parsed)") : parsed.error().message;
}

}  // namespace

TEST_CASE("Dovecot syntax: settings, comments and blank lines keep their line numbers", "[config][parser]") {
    auto nodes = parse_text("# header\n\nlisten = 127.0.0.1   # loopback\r\n  protocols=imap\n", "t.conf", ".");
    REQUIRE(nodes);
    REQUIRE(nodes->size() == 2);
    CHECK((*nodes)[0].kind == Node::Kind::Setting);
    CHECK((*nodes)[0].key == "listen");
    CHECK((*nodes)[0].value == "127.0.0.1");
    CHECK((*nodes)[0].where.file == "t.conf");
    CHECK((*nodes)[0].where.line == 3);
    CHECK((*nodes)[1].value == "imap");
    CHECK((*nodes)[1].where.line == 4);
    // No newline at the end of the last line is fine.
    auto last = parse_text("a = 1\nb = 2", "t.conf", ".");
    REQUIRE(last);
    CHECK(last->back().value == "2");
}

TEST_CASE("Dovecot syntax: nested sections with and without names", "[config][parser]") {
    auto nodes = parse_text(
        "passdb {\n"
        "  driver = sqlite\n"
        "}\n"
        "service imap-login {\n"
        "  inet_listener imaps {\n"
        "    port = 993\n"
        "  }\n"
        "}\n",
        "t.conf", ".");
    REQUIRE(nodes);
    REQUIRE(nodes->size() == 2);
    const Node& passdb = (*nodes)[0];
    CHECK(passdb.kind == Node::Kind::Section);
    CHECK(passdb.key == "passdb");
    CHECK(passdb.value.empty());
    REQUIRE(passdb.children.size() == 1);
    CHECK(passdb.children[0].value == "sqlite");
    const Node& service = (*nodes)[1];
    CHECK(service.value == "imap-login");
    CHECK(service.where.line == 4);
    REQUIRE(service.children.size() == 1);
    const Node& listener = service.children[0];
    CHECK(listener.key == "inet_listener");
    CHECK(listener.value == "imaps");
    CHECK(listener.where.line == 5);
    REQUIRE(listener.children.size() == 1);
    CHECK(listener.children[0].key == "port");
    CHECK(listener.children[0].where.line == 6);
}

TEST_CASE("Dovecot syntax errors name the file and the exact line", "[config][parser]") {
    CHECK(error_of("a = 1\n}\n") == "t.conf:2: '}' without a section to close");
    CHECK(error_of("a = 1\nservice x {\n  b = 2\n") ==
          "t.conf:2: section 'service x' is not closed: missing '}' before the end of the file");
    CHECK(error_of("s {\n  t {\n  }\n\n") == "t.conf:1: section 's' is not closed: missing '}' before the end of the file");
    CHECK(error_of("\n\nlisten\n") == "t.conf:3: expected '=' or '{' after 'listen'");
    CHECK(error_of("a = 1\n= 2\n") == "t.conf:2: expected a setting name, found '='");
    CHECK(error_of("a = \"b\n") == "t.conf:1: missing closing \"");
    CHECK(error_of("\n!inclde x\n") == "t.conf:2: unknown directive '!inclde'");
    CHECK(error_of("s { a = 1 }\n") == "t.conf:1: a section's contents start on the line after '{'");
}

TEST_CASE("Dovecot $key: expands to the current value of an earlier top-level setting", "[config][parser]") {
    auto nodes = parse_text(
        "base = /srv\n"
        "mail_location = maildir:$base/mail/%d/%n\n"
        "base = /other\n"
        "second = $base-x $mail_location\n"
        "literal = \"$base\"\n"
        "sec {\n"
        "  inside = $base\n"
        "}\n",
        "t.conf", ".");
    REQUIRE(nodes);
    CHECK((*nodes)[1].value == "maildir:/srv/mail/%d/%n");  // %u %n %d %h stay for auth
    CHECK((*nodes)[3].value == "/other-x maildir:/srv/mail/%d/%n");
    CHECK((*nodes)[4].value == "$base");
    CHECK((*nodes)[5].children[0].value == "/other");
    // A lone '$' or one before a non-name character is just a character.
    CHECK(parse_text("a = cost $5 and $\n", "t.conf", ".")->front().value == "cost $5 and $");

    CHECK(error_of("a = 1\nb = $missing/x\n") ==
          "t.conf:2: $missing refers to a setting that is not set before this line");
    // Settings inside sections are not top-level values.
    CHECK(error_of("s {\n  inner = 1\n}\nb = $inner\n") ==
          "t.conf:4: $inner refers to a setting that is not set before this line");
}

TEST_CASE("Dovecot <file: the value is the file's content, relative to the config's folder", "[config][parser]") {
    TempDir dir;
    dir.write("ssl/cert.pem", "-----BEGIN CERTIFICATE-----\nAA\n-----END CERTIFICATE-----\n");
    dir.write("my dir/#key.pem", "KEY\n");
    auto nodes = parse_text("ssl_cert = <ssl/cert.pem\nssl_key = <\"my dir/#key.pem\"\nhome = " + dir.path() +
                                "\nagain = <$home/ssl/cert.pem\n",
                            "t.conf", dir.path());
    REQUIRE(nodes);
    CHECK((*nodes)[0].value == "-----BEGIN CERTIFICATE-----\nAA\n-----END CERTIFICATE-----\n");  // newline kept
    CHECK((*nodes)[0].value_file == dir.path() + "/ssl/cert.pem");
    CHECK((*nodes)[1].value == "KEY\n");
    CHECK((*nodes)[1].value_file == dir.path() + "/my dir/#key.pem");
    CHECK((*nodes)[3].value_file == dir.path() + "/ssl/cert.pem");
    CHECK((*nodes)[2].value_file.empty());

    auto missing = parse_text("a = 1\nssl_key = <nope.pem\n", "t.conf", dir.path());
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message ==
          "t.conf:2: ssl_key = <nope.pem: cannot open " + dir.path() + "/nope.pem: No such file or directory");
    auto a_dir = parse_text("a = <ssl\n", "t.conf", dir.path());
    REQUIRE_FALSE(a_dir);
    CHECK(a_dir.error().message.rfind("t.conf:1: a = <ssl: cannot read", 0) == 0);
}

TEST_CASE("Dovecot !include: globs in sorted order, relative to the including file", "[config][parser]") {
    TempDir dir;
    dir.write("conf.d/20-b.conf", "b = 2\n");
    dir.write("conf.d/10-a.conf", "a = 1\n!include sub/inner.conf\n");
    dir.write("conf.d/sub/inner.conf", "inner = $a\n");
    dir.write("conf.d/30-c.conf.disabled", "never = 1\n");
    std::string top = dir.write("roost.conf", "first = 0\n!include conf.d/*.conf\nlast = $b\n");
    auto nodes = parse_file(top);
    REQUIRE(nodes);
    REQUIRE(nodes->size() == 5);
    CHECK((*nodes)[0].key == "first");
    CHECK((*nodes)[1].key == "a");
    CHECK((*nodes)[1].where.file == dir.path() + "/conf.d/10-a.conf");
    CHECK((*nodes)[2].key == "inner");
    CHECK((*nodes)[2].value == "1");  // $a read from an earlier file
    CHECK((*nodes)[2].where.file == dir.path() + "/conf.d/sub/inner.conf");
    CHECK((*nodes)[3].key == "b");
    CHECK((*nodes)[4].value == "2");
    CHECK((*nodes)[4].where.line == 3);
}

TEST_CASE("Dovecot !include inside a section adds to that section", "[config][parser]") {
    TempDir dir;
    dir.write("listeners.conf", "inet_listener imap {\n  port = 10143\n}\n");
    auto nodes = parse_text("service imap-login {\n  !include listeners.conf\n}\n", "t.conf", dir.path());
    REQUIRE(nodes);
    REQUIRE(nodes->size() == 1);
    REQUIRE((*nodes)[0].children.size() == 1);
    CHECK((*nodes)[0].children[0].value == "imap");
    CHECK((*nodes)[0].children[0].children[0].value == "10143");
    // Settings in a file included inside a section are not top-level for $key.
    dir.write("inner.conf", "x = 1\n");
    CHECK(error_of("s {\n!include inner.conf\n}\ny = $x\n", dir.path()) ==
          "t.conf:4: $x refers to a setting that is not set before this line");
}

TEST_CASE("Dovecot !include: missing files, empty globs and !include_try", "[config][parser]") {
    TempDir dir;
    // A glob that matches nothing is an empty conf.d: fine.
    CHECK(parse_text("!include conf.d/*.conf\n", "t.conf", dir.path()));
    // A literal path that does not exist is a mistake.
    CHECK(error_of("a = 1\n!include local.conf\n", dir.path()) ==
          "t.conf:2: cannot open " + dir.path() + "/local.conf: No such file or directory");
    // !include_try skips it...
    auto skipped = parse_text("!include_try local.conf\na = 1\n", "t.conf", dir.path());
    REQUIRE(skipped);
    CHECK(skipped->size() == 1);
    // ...but a file that exists must still be valid, and its errors name that file.
    dir.write("local.conf", "ok = 1\n\nbroken\n");
    CHECK(error_of("!include_try local.conf\n", dir.path()) ==
          dir.path() + "/local.conf:3: expected '=' or '{' after 'broken'");
    CHECK(error_of("!include *.conf\n", dir.path()) == dir.path() + "/local.conf:3: expected '=' or '{' after 'broken'");
}

TEST_CASE("Dovecot !include: each file closes its own sections", "[config][parser]") {
    TempDir dir;
    dir.write("open.conf", "a = 1\nservice imap-login {\n");
    CHECK(error_of("s {\n!include open.conf\n}\n", dir.path()) ==
          dir.path() + "/open.conf:2: section 'service imap-login' is not closed: missing '}' before the end of the file");
    dir.write("close.conf", "}\n");
    CHECK(error_of("s {\n!include close.conf\n}\n", dir.path()) == dir.path() + "/close.conf:1: '}' without a section to close");
}

TEST_CASE("Dovecot !include: cycles and runaway nesting are errors", "[config][parser]") {
    TempDir dir;
    std::string a = dir.write("a.conf", "x = 1\n!include b.conf\n");
    dir.write("b.conf", "\n\n!include a.conf\n");
    auto cycle = parse_file(a);
    REQUIRE_FALSE(cycle);
    CHECK(cycle.error().message == dir.path() + "/b.conf:3: include cycle: " + dir.path() + "/a.conf is already being read");

    std::string self = dir.write("self.conf", "!include self.conf\n");
    REQUIRE_FALSE(parse_file(self));

    // A chain of distinct files deeper than the limit (20).
    for (int i = 0; i < 30; ++i)
        dir.write("deep/" + std::to_string(i) + ".conf", "!include " + std::to_string(i + 1) + ".conf\n");
    dir.write("deep/30.conf", "end = 1\n");
    auto deep = parse_file(dir.file("deep/0.conf"));
    REQUIRE_FALSE(deep);
    CHECK(deep.error().message == dir.path() + "/deep/19.conf:1: includes nested too deep (more than 20 levels) at " +
                                      dir.path() + "/deep/20.conf");
    // Nineteen levels are fine.
    auto shallow = parse_file(dir.file("deep/11.conf"));
    REQUIRE(shallow);
    CHECK(shallow->front().key == "end");
}

TEST_CASE("parse_file on a missing top-level file says which file", "[config][parser]") {
    auto missing = parse_file("/nonexistent/roost.conf");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message == "cannot open /nonexistent/roost.conf: No such file or directory");
}

TEST_CASE("Every truncation of a valid config parses or fails with t.conf:LINE", "[config][parser]") {
    // Editors and crashed writes leave partial files; each must give a located error, never
    // a crash or a silently different tree.
    const std::string text =
        "listen = 127.0.0.1 # c\n"
        "base = \"/srv/mail\"\n"
        "mail_location = maildir:$base/%d/%n\n"
        "service imap-login {\n"
        "  inet_listener imap {\n"
        "    port = 10143\n"
        "  }\n"
        "}\n";
    for (size_t cut = 0; cut <= text.size(); ++cut) {
        auto parsed = parse_text(text.substr(0, cut), "t.conf", "/nonexistent");
        if (!parsed) {
            CHECK(parsed.error().message.rfind("t.conf:", 0) == 0);
        }
    }
    REQUIRE(parse_text(text, "t.conf", "/nonexistent"));
}
