// Placeholder until the subcommand lands; replaced by its owner.
#include <cstdio>

#include "adm/commands.hpp"

namespace roost::adm {

int cmd_cert(const std::optional<std::string>&, const Args&) {
    std::fputs("roostadm: 'cert' is not built yet\n", stderr);
    return 1;
}

}  // namespace roost::adm
