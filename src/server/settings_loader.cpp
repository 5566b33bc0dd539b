// server::load_settings: `-c FILE`, or the embedded default with its state folder prepared on
// first use (home, home/ssl 0700 holding a generated certificate, home/mail).
#include "server/settings_loader.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "base/files.hpp"
#include "base/log.hpp"
#include "config/load.hpp"
#include "config/parser.hpp"
#include "net/tls_context.hpp"

namespace roost::server {
namespace {

// Names the generated certificate covers: what a client on the same machine dials.
const std::vector<std::string> kDefaultCertNames = {"localhost", "127.0.0.1", "::1"};

Result<void> prepare_home(const std::string& home) {
    if (auto r = files::make_dirs(home, 0755); !r) return r;
    std::string ssl_dir = home + "/ssl";
    if (auto r = files::make_dirs(ssl_dir, 0700); !r) return r;
    ::chmod(ssl_dir.c_str(), 0700);  // also when it existed with a looser mode
    if (auto r = files::make_dirs(home + "/mail", 0700); !r) return r;

    std::string cert = ssl_dir + "/roost-cert.pem";
    std::string key = ssl_dir + "/roost-key.pem";
    if (!files::exists(cert) || !files::exists(key)) {
        if (auto r = net::generate_self_signed(cert, key, kDefaultCertNames); !r) return r;
        log::info("master", "generated a self-signed certificate for localhost, 127.0.0.1 and ::1: " + cert);
    }
    return {};
}

}  // namespace

std::string default_home() {
    const char* env = std::getenv("ROOST_HOME");
    std::string home = (env != nullptr && *env != '\0') ? env : "var";
    std::error_code ec;
    auto absolute = std::filesystem::absolute(home, ec);
    if (ec) return home;
    return absolute.lexically_normal().string();
}

Result<config::Settings> load_settings(const std::optional<std::string>& config_path) {
    if (config_path) return config::load_file(*config_path);
    std::string home = default_home();
    if (!home.empty() && home.size() > 1 && home.back() == '/') home.pop_back();
    if (auto r = prepare_home(home); !r) return make_error("cannot prepare " + home + ": " + r.error().message);
    auto nodes = config::parse_text(config::embedded_default_config(home), "embedded default", home);
    if (!nodes) return nodes.error();
    return config::build_settings(*nodes);
}

}  // namespace roost::server
