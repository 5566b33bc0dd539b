// How roostd and roostadm find their settings: `-c FILE`, or with no file the embedded
// default, which keeps everything under $ROOST_HOME (or ./var) and generates a self-signed
// certificate there on first use.
#pragma once

#include <optional>
#include <string>

#include "base/result.hpp"
#include "config/settings.hpp"

namespace roost::server {

// The state folder of the embedded default: $ROOST_HOME, else ./var, made absolute.
std::string default_home();

// With a path: parse and check that file. Without: create the home folders and the
// certificate when missing, then load the embedded default.
Result<config::Settings> load_settings(const std::optional<std::string>& config_path);

}  // namespace roost::server
