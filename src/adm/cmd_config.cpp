// `roostadm config [-n] [-c FILE]`: the effective settings, like doveconf. It loads them the
// way roostd does (server::load_settings: the file, or the embedded default), so what it
// prints is what the daemon would run with; -n prints only what differs from the built-in
// defaults (doveconf -n). The output is itself a valid config file.
#include <cstdio>
#include <string>

#include "adm/commands.hpp"
#include "config/load.hpp"
#include "server/settings_loader.hpp"

namespace roost::adm {

// Both `roostadm -c FILE config` and `roostadm config [-n] [-c FILE]` (doveconf's order) work.
int cmd_config(const std::optional<std::string>& global_config_path, const Args& args) {
    bool only_changed = false;
    std::optional<std::string> config_path = global_config_path;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "-n") {
            only_changed = true;
        } else if (args[i] == "-c" && i + 1 < args.size()) {
            config_path = args[++i];
        } else {
            std::fprintf(stderr, "roostadm config: unknown argument %s\nusage: roostadm config [-n] [-c FILE]\n",
                         args[i].c_str());
            return 2;
        }
    }
    auto settings = server::load_settings(config_path);
    if (!settings) {
        std::fprintf(stderr, "roostadm: %s\n", settings.error().message.c_str());
        return 1;
    }
    std::string source = config_path ? *config_path : "embedded default (" + server::default_home() + ")";
    std::printf("# roost %s: %s\n", only_changed ? "settings that differ from the defaults" : "effective settings",
                source.c_str());
    std::fputs(config::dump_settings(*settings, only_changed).c_str(), stdout);
    return 0;
}

}  // namespace roost::adm
