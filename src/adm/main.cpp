// roostadm: the administrator's tool. `roostadm [-c FILE] COMMAND ...`
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>

#include "adm/commands.hpp"

namespace {

void usage(FILE* out) {
    std::fputs(
        "usage: roostadm [-c FILE] COMMAND [ARGS]\n"
        "  config [-n] [-c FILE]             print the effective settings (-n: only non-defaults)\n"
        "  user add NAME [--password-stdin]  add a user (password from a prompt or stdin)\n"
        "  user del NAME                     remove a user (the Maildir stays)\n"
        "  user passwd NAME [--password-stdin]\n"
        "  user list\n"
        "  cert selfsigned --cert FILE --key FILE [NAME...]\n"
        "                                    write a self-signed certificate (default names:\n"
        "                                    localhost 127.0.0.1 ::1)\n"
        "Without -c, the embedded default applies ($ROOST_HOME or ./var).\n",
        out);
}

}  // namespace

int main(int argc, char** argv) {
    std::optional<std::string> config_path;
    int i = 1;
    while (i < argc && argv[i][0] == '-') {
        if (std::strcmp(argv[i], "-c") == 0 && i + 1 < argc) {
            config_path = argv[i + 1];
            i += 2;
        } else if (std::strcmp(argv[i], "-h") == 0 || std::strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else {
            std::fprintf(stderr, "roostadm: unknown option %s\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return 2;
    }
    std::string command = argv[i++];
    roost::adm::Args args(argv + i, argv + argc);
    if (command == "config") return roost::adm::cmd_config(config_path, args);
    if (command == "user") return roost::adm::cmd_user(config_path, args);
    if (command == "cert") return roost::adm::cmd_cert(config_path, args);
    std::fprintf(stderr, "roostadm: unknown command %s\n", command.c_str());
    usage(stderr);
    return 2;
}
