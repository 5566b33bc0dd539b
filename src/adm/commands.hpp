// roostadm subcommands, one file each. Each gets the arguments after its own name and the
// -c FILE given before it (if any), and returns the process exit status.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace roost::adm {

using Args = std::vector<std::string>;

int cmd_config(const std::optional<std::string>& config_path, const Args& args);  // config [-n]
int cmd_user(const std::optional<std::string>& config_path, const Args& args);    // user add|del|passwd|list
int cmd_cert(const std::optional<std::string>& config_path, const Args& args);    // cert selfsigned ...

}  // namespace roost::adm
