// The shipped roost.conf + conf.d/ (what an admin copies to /etc/roost): it must load, say
// what the issue promises, and document every setting with its default.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/load.hpp"
#include "unit/config/shipped_paths.hpp"
#include "unit/config/fake_pem.hpp"
#include "unit/temp_dir.hpp"

using namespace roost::config;
using roost::test::TempDir;

namespace {

const std::string source_root = ROOST_SOURCE_ROOT;
const std::vector<std::string> shipped_conf_d = {"10-auth.conf", "10-logging.conf", "10-mail.conf", "10-master.conf",
                                                 "10-ssl.conf",  "20-imap.conf",    "20-pop3.conf"};

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
        text.replace(pos, from.size(), to);
    return text;
}

// A copy of the shipped files whose certificate paths point into the temp dir, because
// /etc/roost/ssl/ does not exist on a test machine.
std::string copy_shipped(const TempDir& dir) {
    for (const auto& name : shipped_conf_d) {
        std::string text = read_text(source_root + "/conf.d/" + name);
        dir.write("conf.d/" + name, replace_all(text, "</etc/roost/ssl/", "<" + dir.path() + "/ssl/"));
    }
    dir.write("ssl/roost-cert.pem", test::fake_cert);
    dir.write("ssl/roost-key.pem", test::fake_key);
    return dir.write("roost.conf", read_text(source_root + "/roost.conf"));
}

}  // namespace

TEST_CASE("Shipped roost.conf + conf.d load and give the documented settings", "[config][shipped]") {
    TempDir dir;
    auto s = load_file(copy_shipped(dir));
    INFO((s ? std::string() : s.error().message));
    REQUIRE(s);
    CHECK(s->listen == std::vector<std::string>{"*"});
    CHECK(s->protocols == std::vector<std::string>{"imap", "pop3"});
    CHECK(s->ssl == SslMode::Yes);
    CHECK(s->ssl_cert == test::fake_cert);
    CHECK(s->ssl_key_file == dir.path() + "/ssl/roost-key.pem");
    CHECK(s->disable_plaintext_auth);
    CHECK(s->auth_mechanisms == std::vector<std::string>{"plain", "login"});
    CHECK(s->mail_location == "maildir:/var/mail/vhosts/%d/%n/Maildir");
    CHECK(s->log_level == "info");
    CHECK((s->passdb.driver == "sqlite" && s->passdb.args == "/var/lib/roost/users.db"));
    CHECK((s->userdb.driver == "sqlite" && s->userdb.args == "/var/lib/roost/users.db"));
    const Service* imap = s->find_service("imap-login");
    const Service* pop3 = s->find_service("pop3-login");
    REQUIRE((imap && pop3));
    REQUIRE(imap->inet_listeners.size() == 2);
    CHECK((imap->inet_listeners[0].port == 143 && !imap->inet_listeners[0].ssl));
    CHECK((imap->inet_listeners[1].port == 993 && imap->inet_listeners[1].ssl));
    REQUIRE(pop3->inet_listeners.size() == 2);
    CHECK((pop3->inet_listeners[0].port == 110 && !pop3->inet_listeners[0].ssl));
    CHECK((pop3->inet_listeners[1].port == 995 && pop3->inet_listeners[1].ssl));
}

TEST_CASE("Shipped config, unmodified, reads the certificate from /etc/roost/ssl", "[config][shipped]") {
    if (std::filesystem::exists("/etc/roost/ssl/roost-cert.pem")) return;  // a real install: nothing to show
    auto s = load_file(source_root + "/roost.conf");
    REQUIRE_FALSE(s);
    // The admin is pointed at the exact line to fix (or the file to create).
    CHECK(s.error().message.rfind(source_root + "/conf.d/10-ssl.conf:", 0) == 0);
    CHECK(s.error().message.find("ssl_cert = </etc/roost/ssl/roost-cert.pem: cannot open") != std::string::npos);
}

TEST_CASE("Shipped config documents each setting with its default", "[config][shipped]") {
    // Issue 2 scope 3: "every setting commented with its meaning and default". Each top-level
    // `key = value` line belongs to a block (comments and settings up to a blank line) that
    // says "Default".
    std::vector<std::string> paths = {source_root + "/roost.conf"};
    for (const auto& name : shipped_conf_d) paths.push_back(source_root + "/conf.d/" + name);
    for (const auto& path : paths) {
        std::vector<std::string> lines;
        std::istringstream in(read_text(path));
        for (std::string line; std::getline(in, line);) lines.push_back(line);
        for (size_t i = 0; i < lines.size(); ++i) {
            const std::string& line = lines[i];
            if (line.empty() || line[0] == '#' || line[0] == ' ' || line[0] == '!' || line.find(" = ") == std::string::npos)
                continue;
            bool documented = false;
            for (size_t j = i; j-- > 0 && !lines[j].empty();)
                if (lines[j].find("Default") != std::string::npos) documented = true;
            INFO(path << ":" << (i + 1) << ": " << line);
            CHECK(documented);
        }
    }
}
