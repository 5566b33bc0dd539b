// roostd: the mail access daemon. `roostd [-c FILE] [-F]`. Without -c it runs the embedded
// default (state under $ROOST_HOME or ./var). It always stays in the foreground; -F is
// accepted because Dovecot administrators type it out of habit.
#include <csignal>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>

#include "server/daemon.hpp"
#include "server/settings_loader.hpp"

namespace {

void usage(FILE* out) {
    std::fputs("usage: roostd [-c FILE] [-F]\n"
               "  -c FILE  read the configuration from FILE (default: the embedded default,\n"
               "           with its state under $ROOST_HOME or ./var)\n"
               "  -F       stay in the foreground (always the case)\n",
               out);
}

}  // namespace

int main(int argc, char** argv) {
    std::optional<std::string> config_path;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "-c") == 0 && i + 1 < argc) {
            config_path = argv[++i];
        } else if (std::strcmp(argv[i], "-F") == 0) {
            // foreground: the only mode
        } else if (std::strcmp(argv[i], "-h") == 0 || std::strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else {
            std::fprintf(stderr, "roostd: unknown argument %s\n", argv[i]);
            usage(stderr);
            return 1;
        }
    }
    std::signal(SIGPIPE, SIG_IGN);

    auto settings = roost::server::load_settings(config_path);
    if (!settings) {
        std::fprintf(stderr, "roostd: %s\n", settings.error().message.c_str());
        return 1;
    }
    roost::server::Daemon daemon(std::move(settings.value()));
    if (auto started = daemon.start(); !started) {
        std::fprintf(stderr, "roostd: %s\n", started.error().message.c_str());
        return 1;
    }
    daemon.run();
    return 0;
}
