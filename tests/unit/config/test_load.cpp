// Typed settings from Dovecot-style text: built-in defaults, every honoured setting, and each
// bad key, section or value stopping the load with "file:line: reason" (issue 2 scope 3).
#include <catch2/catch.hpp>

#include "config/load.hpp"
#include "unit/config/fake_pem.hpp"
#include "unit/temp_dir.hpp"

using namespace roost::config;
using roost::test::TempDir;

namespace {

// Most tests do not care about TLS; ssl = no then also needs the implicit-TLS ports off.
const std::string no_tls =
    "ssl = no\n"
    "service imap-login {\n  inet_listener imaps {\n    port = 0\n  }\n}\n"
    "service pop3-login {\n  inet_listener pop3s {\n    port = 0\n  }\n}\n";

roost::Result<Settings> load(const std::string& text, const std::string& base_dir = "/nonexistent") {
    auto nodes = parse_text(text, "t.conf", base_dir);
    if (!nodes) return nodes.error();
    return build_settings(*nodes);
}

std::string error_of(const std::string& text) {
    auto s = load(text);
    return s ? std::string("(loaded)") : s.error().message;
}

const InetListener* listener(const Settings& s, const std::string& service, const std::string& name) {
    const Service* svc = s.find_service(service);
    if (!svc) return nullptr;
    for (const auto& l : svc->inet_listeners)
        if (l.name == name) return &l;
    return nullptr;
}

}  // namespace

TEST_CASE("Built-in defaults apply when no file sets anything", "[config][load]") {
    // ssl = yes is a default too, so an empty file still needs a certificate.
    CHECK(error_of("") ==
          "ssl_cert not set: ssl = yes needs ssl_cert = </path/cert.pem and ssl_key = </path/key.pem (or set ssl = no); "
          "ssl = yes is the built-in default");
    TempDir dir;
    dir.write("c.pem", test::fake_cert);
    dir.write("k.pem", test::fake_key);
    auto s = load("ssl_cert = <c.pem\nssl_key = <k.pem\n", dir.path());
    REQUIRE(s);
    CHECK(s->listen == std::vector<std::string>{"*"});
    CHECK(s->protocols == std::vector<std::string>{"imap", "pop3"});
    CHECK(s->ssl == SslMode::Yes);
    CHECK(s->ssl_cert == test::fake_cert);
    CHECK(s->ssl_cert_file == dir.path() + "/c.pem");
    CHECK(s->ssl_key == test::fake_key);
    CHECK(s->ssl_key_file == dir.path() + "/k.pem");
    CHECK(s->disable_plaintext_auth);
    CHECK(s->auth_mechanisms == std::vector<std::string>{"plain"});
    CHECK(s->mail_location.empty());
    CHECK(s->log_level == "info");
    CHECK(s->passdb.driver.empty());
    // RFC 3501 §2.1 / RFC 1939 §3 / RFC 8314 §7.3 ports.
    REQUIRE(s->services.size() == 2);
    const auto* imap = listener(*s, "imap-login", "imap");
    const auto* imaps = listener(*s, "imap-login", "imaps");
    const auto* pop3 = listener(*s, "pop3-login", "pop3");
    const auto* pop3s = listener(*s, "pop3-login", "pop3s");
    REQUIRE((imap && imaps && pop3 && pop3s));
    CHECK((imap->port == 143 && !imap->ssl && imap->address.empty()));
    CHECK((imaps->port == 993 && imaps->ssl));
    CHECK((pop3->port == 110 && !pop3->ssl));
    CHECK((pop3s->port == 995 && pop3s->ssl));
    CHECK(s->find_service("lmtp") == nullptr);
}

TEST_CASE("Every honoured setting reaches Settings", "[config][load]") {
    auto s = load(no_tls +
                  "listen = 127.0.0.1, ::1 localhost\n"
                  "protocols = pop3\n"
                  "disable_plaintext_auth = NO\n"
                  "auth_mechanisms = PLAIN Login\n"
                  "mail_location = maildir:~/Maildir:INDEX=/var/idx/%u\n"
                  "log_level = Debug\n"
                  "passdb {\n  driver = sqlite\n  args = /var/lib/roost/users.db\n}\n"
                  "userdb {\n  driver = sqlite\n  args = /var/lib/roost/users2.db\n}\n"
                  "service imap-login {\n"
                  "  inet_listener imap {\n    address = 192.0.2.1\n    port = 1143\n  }\n"
                  "  inet_listener extra {\n    port = 2993\n    ssl = no\n  }\n"
                  "}\n");
    REQUIRE(s);
    CHECK(s->listen == std::vector<std::string>{"127.0.0.1", "::1", "localhost"});
    CHECK(s->protocols == std::vector<std::string>{"pop3"});
    CHECK(s->ssl == SslMode::No);
    CHECK_FALSE(s->disable_plaintext_auth);
    CHECK(s->auth_mechanisms == std::vector<std::string>{"plain", "login"});
    CHECK(s->mail_location == "maildir:~/Maildir:INDEX=/var/idx/%u");
    CHECK(s->log_level == "debug");
    CHECK((s->passdb.driver == "sqlite" && s->passdb.args == "/var/lib/roost/users.db"));
    CHECK((s->userdb.driver == "sqlite" && s->userdb.args == "/var/lib/roost/users2.db"));
    const auto* imap = listener(*s, "imap-login", "imap");
    REQUIRE(imap);
    CHECK(imap->address == "192.0.2.1");
    CHECK(imap->port == 1143);
    CHECK_FALSE(imap->ssl);  // kept from the default: sections merge by name
    CHECK(listener(*s, "imap-login", "imaps")->port == 0);
    const auto* extra = listener(*s, "imap-login", "extra");
    REQUIRE(extra);
    CHECK(extra->port == 2993);
    CHECK(listener(*s, "pop3-login", "pop3")->port == 110);
}

TEST_CASE("Later settings override earlier ones; ssl modes", "[config][load]") {
    TempDir dir;
    dir.write("c.pem", test::fake_cert);
    dir.write("k.pem", test::fake_key);
    auto s = load("ssl_cert = <c.pem\nssl_key = <k.pem\nssl = required\nlisten = *\nlisten = ::\n", dir.path());
    REQUIRE(s);
    CHECK(s->ssl == SslMode::Required);
    CHECK(s->listen == std::vector<std::string>{"::"});
    CHECK(load("ssl_cert = <c.pem\nssl_key = <k.pem\nssl = YES\n", dir.path())->ssl == SslMode::Yes);
    CHECK(load(no_tls + "protocols =\n")->protocols.empty());
}

TEST_CASE("Unknown keys, sections and bad values stop loading at their line", "[config][load]") {
    const std::string n = no_tls;  // 11 lines
    CHECK(error_of(n + "foo = bar\n") == "t.conf:12: unknown setting 'foo'");
    CHECK(error_of(n + "protocol imap {\n}\n") == "t.conf:12: unknown section 'protocol'");
    CHECK(error_of(n + "ssl = maybe\n") == "t.conf:12: ssl: 'maybe' is not one of no, yes, required");
    CHECK(error_of(n + "disable_plaintext_auth = true\n") == "t.conf:12: disable_plaintext_auth: 'true' is not yes or no");
    CHECK(error_of(n + "protocols = imap lmtp\n") == "t.conf:12: protocols: unknown protocol 'lmtp' (known: imap pop3)");
    CHECK(error_of(n + "auth_mechanisms = plain cram-md5\n") ==
          "t.conf:12: auth_mechanisms: unknown mechanism 'cram-md5' (known: plain login)");
    CHECK(error_of(n + "auth_mechanisms =\n") == "t.conf:12: auth_mechanisms: at least one mechanism is needed (plain, login)");
    CHECK(error_of(n + "mail_location = mbox:~/mail\n") ==
          "t.conf:12: mail_location: 'mbox:~/mail' is not maildir:PATH (the only mailbox format Roost serves)");
    CHECK(error_of(n + "mail_location = maildir:\n") ==
          "t.conf:12: mail_location: 'maildir:' is not maildir:PATH (the only mailbox format Roost serves)");
    CHECK(error_of(n + "log_level = verbose\n") == "t.conf:12: log_level: 'verbose' is not one of debug, info, warning, error");
    CHECK(error_of(n + "listen = 127.0.0.1:143\n") == "t.conf:12: listen: '127.0.0.1:143' is not an address");
    CHECK(error_of(n + "ssl_cert = /etc/roost/cert.pem\n") ==
          "t.conf:12: ssl_cert: not PEM text (did you forget '<', as in ssl_cert = </path/file.pem?)");
}

TEST_CASE("passdb and userdb: sqlite with a path, once each", "[config][load]") {
    const std::string n = no_tls;
    CHECK(error_of(n + "passdb {\n  driver = pam\n}\n") == "t.conf:13: passdb driver 'pam' is not supported (only sqlite)");
    CHECK(error_of(n + "userdb {\n  driver = sqlite\n}\n") == "t.conf:12: userdb needs args = PATH of the SQLite database");
    CHECK(error_of(n + "passdb {\n  args = /x.db\n}\n") == "t.conf:12: passdb needs driver = sqlite");
    CHECK(error_of(n + "passdb {\n  driver = sqlite\n  args = /x.db\n  default_fields = a\n}\n") ==
          "t.conf:15: unknown setting 'default_fields' in passdb");
    CHECK(error_of(n + "passdb {\n  driver = sqlite\n  args = /x.db\n}\npassdb {\n}\n") ==
          "t.conf:16: only one passdb section is supported (the first is at t.conf:12)");
    CHECK(error_of(n + "userdb {\n  sub {\n  }\n}\n") == "t.conf:13: unknown section 'sub' in userdb");
}

TEST_CASE("service sections: known services, inet_listener address/port/ssl", "[config][load]") {
    const std::string n = no_tls;
    CHECK(error_of(n + "service lmtp {\n}\n") == "t.conf:12: unknown service 'lmtp' (known: imap-login pop3-login)");
    CHECK(error_of(n + "service imap-login {\n  process_limit = 5\n}\n") ==
          "t.conf:13: unknown setting 'process_limit' in service imap-login");
    CHECK(error_of(n + "service imap-login {\n  unix_listener x {\n  }\n}\n") ==
          "t.conf:13: unknown section 'unix_listener' in service imap-login");
    CHECK(error_of(n + "service imap-login {\n  inet_listener {\n  }\n}\n") ==
          "t.conf:13: inet_listener needs a name (e.g. inet_listener imap {)");
    const std::string open = n + "service pop3-login {\n  inet_listener pop3 {\n";  // lines 12, 13
    CHECK(error_of(open + "    port = 70000\n  }\n}\n") == "t.conf:14: port: '70000' is not a port number (0-65535)");
    CHECK(error_of(open + "    port = -1\n  }\n}\n") == "t.conf:14: port: '-1' is not a port number (0-65535)");
    CHECK(error_of(open + "    ssl = required\n  }\n}\n") == "t.conf:14: ssl: 'required' is not yes or no");
    CHECK(error_of(open + "    address = *, ::\n  }\n}\n") == "t.conf:14: address: '*, ::' is not one address");
    CHECK(error_of(open + "    haproxy = yes\n  }\n}\n") == "t.conf:14: unknown setting 'haproxy' in inet_listener pop3");
}

TEST_CASE("ssl != no needs ssl_cert and ssl_key; ssl = no needs no implicit-TLS listener", "[config][load]") {
    TempDir dir;
    dir.write("c.pem", test::fake_cert);
    CHECK(load("log_level = info\nssl = required\nssl_cert = <c.pem\n", dir.path()).error().message ==
          "t.conf:2: ssl_key not set: ssl = required needs ssl_cert = </path/cert.pem and ssl_key = </path/key.pem "
          "(or set ssl = no)");
    // RFC 8314 implicit TLS cannot work without a certificate: name the listener that asks for it.
    CHECK(error_of("ssl = no\n") ==
          "t.conf:1: ssl = no, but service imap-login inet_listener imaps (port 993) has ssl = yes: set its port = 0, or "
          "enable ssl");
    CHECK(error_of("ssl = no\nservice imap-login {\n  inet_listener imaps {\n    port = 0\n  }\n"
                   "  inet_listener alt {\n    port = 4993\n    ssl = yes\n  }\n}\n") ==
          "t.conf:6: ssl = no, but service imap-login inet_listener alt (port 4993) has ssl = yes: set its port = 0, or "
          "enable ssl");
    dir.write("not-pem.txt", "hello\n");
    CHECK(load("ssl_cert = <not-pem.txt\n", dir.path()).error().message ==
          "t.conf:1: ssl_cert: not PEM text (" + dir.path() + "/not-pem.txt holds no PEM block)");
}

TEST_CASE("load_file: errors inside an included file name that file and line", "[config][load]") {
    TempDir dir;
    dir.write("conf.d/10-a.conf", no_tls);
    dir.write("conf.d/20-b.conf", "# fine\nlog_level = info\n\nmail_location = /var/mail\n");
    std::string top = dir.write("roost.conf", "protocols = imap\n!include conf.d/*.conf\n");
    auto s = load_file(top);
    REQUIRE_FALSE(s);
    CHECK(s.error().message == dir.path() +
                                   "/conf.d/20-b.conf:4: mail_location: '/var/mail' is not maildir:PATH (the only "
                                   "mailbox format Roost serves)");
    dir.write("conf.d/20-b.conf", "mail_location = maildir:/var/mail/%d/%n\n");
    auto ok = load_file(top);
    REQUIRE(ok);
    CHECK(ok->protocols == std::vector<std::string>{"imap"});
    CHECK(ok->mail_location == "maildir:/var/mail/%d/%n");
}

TEST_CASE("embedded_default_config: loopback high ports, state under home", "[config][load]") {
    // Issue 2 scope 2: roostd without -c; the server writes the certificate before parsing.
    TempDir dir;
    const std::string home = dir.path() + "/va r#$x";  // spaces, '#' and '$' survive quoting
    dir.write("va r#$x/ssl/roost-cert.pem", test::fake_cert);
    dir.write("va r#$x/ssl/roost-key.pem", test::fake_key);
    auto nodes = parse_text(embedded_default_config(home), "(embedded)", home);
    REQUIRE(nodes);
    auto s = build_settings(*nodes);
    REQUIRE(s);
    CHECK(s->listen == std::vector<std::string>{"127.0.0.1"});
    CHECK(s->protocols == std::vector<std::string>{"imap", "pop3"});
    CHECK(s->ssl == SslMode::Yes);
    CHECK(s->ssl_cert == test::fake_cert);
    CHECK(s->ssl_cert_file == home + "/ssl/roost-cert.pem");
    CHECK(s->ssl_key_file == home + "/ssl/roost-key.pem");
    CHECK(s->disable_plaintext_auth);
    CHECK(s->auth_mechanisms == std::vector<std::string>{"plain", "login"});
    CHECK(s->mail_location == "maildir:" + home + "/mail/%d/%n/Maildir");
    CHECK((s->passdb.driver == "sqlite" && s->passdb.args == home + "/users.db"));
    CHECK((s->userdb.driver == "sqlite" && s->userdb.args == home + "/users.db"));
    CHECK((listener(*s, "imap-login", "imap")->port == 10143 && !listener(*s, "imap-login", "imap")->ssl));
    CHECK((listener(*s, "imap-login", "imaps")->port == 10993 && listener(*s, "imap-login", "imaps")->ssl));
    CHECK((listener(*s, "pop3-login", "pop3")->port == 10110 && !listener(*s, "pop3-login", "pop3")->ssl));
    CHECK((listener(*s, "pop3-login", "pop3s")->port == 10995 && listener(*s, "pop3-login", "pop3s")->ssl));
}
