// `roostadm config [-n]` output (doveconf-like): every setting, or only non-defaults with -n,
// and in both cases a config file that reads back to the same Settings.
#include <catch2/catch.hpp>

#include "config/load.hpp"
#include "unit/config/fake_pem.hpp"
#include "unit/temp_dir.hpp"

using namespace roost::config;
using roost::test::TempDir;

namespace {

roost::Result<Settings> load(const std::string& text, const std::string& base_dir) {
    auto nodes = parse_text(text, "t.conf", base_dir);
    if (!nodes) return nodes.error();
    return build_settings(*nodes);
}

bool same_listeners(const std::vector<InetListener>& a, const std::vector<InetListener>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].name != b[i].name || a[i].address != b[i].address || a[i].port != b[i].port || a[i].ssl != b[i].ssl)
            return false;
    return true;
}

void require_same(const Settings& a, const Settings& b) {
    CHECK(a.listen == b.listen);
    CHECK(a.protocols == b.protocols);
    CHECK(a.ssl == b.ssl);
    CHECK(a.ssl_cert == b.ssl_cert);
    CHECK(a.ssl_key == b.ssl_key);
    CHECK(a.ssl_cert_file == b.ssl_cert_file);
    CHECK(a.ssl_key_file == b.ssl_key_file);
    CHECK(a.disable_plaintext_auth == b.disable_plaintext_auth);
    CHECK(a.auth_mechanisms == b.auth_mechanisms);
    CHECK(a.mail_location == b.mail_location);
    CHECK(a.log_level == b.log_level);
    CHECK((a.passdb.driver == b.passdb.driver && a.passdb.args == b.passdb.args));
    CHECK((a.userdb.driver == b.userdb.driver && a.userdb.args == b.userdb.args));
    REQUIRE(a.services.size() == b.services.size());
    for (size_t i = 0; i < a.services.size(); ++i) {
        CHECK(a.services[i].name == b.services[i].name);
        CHECK(same_listeners(a.services[i].inet_listeners, b.services[i].inet_listeners));
    }
}

// Written in a folder whose name needs quoting, with values that need it too.
const std::string sample =
    "listen = 127.0.0.1, ::1\n"
    "protocols = imap\n"
    "ssl = required\n"
    "ssl_cert = <\"my ssl/c.pem\"\n"
    "ssl_key = <\"my ssl/k.pem\"\n"
    "disable_plaintext_auth = no\n"
    "auth_mechanisms = login plain\n"
    "mail_location = \"maildir:/srv/$weird #dir/%d/%n\"\n"
    "log_level = warning\n"
    "passdb {\n  driver = sqlite\n  args = /var/lib/roost/users.db\n}\n"
    "userdb {\n  driver = sqlite\n  args = /var/lib/roost/users.db\n}\n"
    "service pop3-login {\n  inet_listener pop3 {\n    address = 192.0.2.7\n    port = 1110\n  }\n"
    "  inet_listener pop3-alt {\n    port = 2110\n  }\n}\n";

}  // namespace

TEST_CASE("dump_settings round trip: the full dump reads back to the same Settings", "[config][dump]") {
    TempDir dir;
    dir.write("my ssl/c.pem", test::fake_cert);
    dir.write("my ssl/k.pem", test::fake_key);
    auto original = load(sample, dir.path());
    REQUIRE(original);
    std::string text = dump_settings(*original, false);
    CHECK(text.find("ssl_cert = <" + dir.path() + "/my ssl/c.pem\n") != std::string::npos);
    CHECK(text.find("mail_location = \"maildir:/srv/$weird #dir/%d/%n\"\n") != std::string::npos);
    CHECK(text.find("service imap-login {\n  inet_listener imap {\n    address =\n    port = 143\n    ssl = no\n  }\n") !=
          std::string::npos);
    INFO(text);
    auto again = load(text, "/");
    REQUIRE(again);
    require_same(*original, *again);
}

TEST_CASE("dump_settings -n prints only what differs from the defaults, like doveconf -n", "[config][dump]") {
    TempDir dir;
    dir.write("c.pem", test::fake_cert);
    dir.write("k.pem", test::fake_key);
    auto s = load("protocols = imap\nssl_cert = <c.pem\nssl_key = <k.pem\nlisten = *\nssl = yes\n"
                  "service imap-login {\n  inet_listener imap {\n    port = 1143\n  }\n"
                  "  inet_listener imaps {\n    port = 993\n  }\n}\n",
                  dir.path());
    REQUIRE(s);
    const std::string expected = "protocols = imap\n"
                                 "ssl_cert = <" + dir.path() + "/c.pem\n"
                                 "ssl_key = <" + dir.path() + "/k.pem\n"
                                 "service imap-login {\n"
                                 "  inet_listener imap {\n"
                                 "    address =\n"
                                 "    port = 1143\n"
                                 "    ssl = no\n"
                                 "  }\n"
                                 "}\n";
    CHECK(dump_settings(*s, true) == expected);
    auto again = load(dump_settings(*s, true), "/");
    REQUIRE(again);
    require_same(*s, *again);

    TempDir sample_dir;
    sample_dir.write("my ssl/c.pem", test::fake_cert);
    sample_dir.write("my ssl/k.pem", test::fake_key);
    auto full = load(sample, sample_dir.path());
    REQUIRE(full);
    auto from_changed = load(dump_settings(*full, true), "/");
    REQUIRE(from_changed);
    require_same(*full, *from_changed);
}

TEST_CASE("dump_settings of the built-in defaults: -n is empty, the full dump lists every key", "[config][dump]") {
    Settings defaults = builtin_defaults();
    CHECK(dump_settings(defaults, true).empty());
    std::string full = dump_settings(defaults, false);
    for (const char* line : {"listen = *\n", "protocols = imap pop3\n", "ssl = yes\n", "ssl_cert =\n", "ssl_key =\n",
                             "disable_plaintext_auth = yes\n", "auth_mechanisms = plain\n", "mail_location =\n",
                             "log_level = info\n", "service pop3-login {\n", "    port = 995\n"})
        CHECK(full.find(line) != std::string::npos);
    CHECK(full.find("passdb") == std::string::npos);  // no passdb configured: nothing to show
}

TEST_CASE("dump_settings never prints key material that did not come from a file", "[config][dump]") {
    Settings s = builtin_defaults();
    s.ssl_key = test::fake_key;
    std::string text = dump_settings(s, true);
    CHECK(text == "# ssl_key = (" + std::to_string(test::fake_key.size()) + " bytes of PEM not read from a file)\n");
    CHECK(text.find("PRIVATE") == std::string::npos);
}
