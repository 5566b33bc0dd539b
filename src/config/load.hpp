// From parsed nodes to validated Settings; and back to text for `roostadm config`.
#pragma once

#include <string>
#include <vector>

#include "base/result.hpp"
#include "config/parser.hpp"
#include "config/settings.hpp"

namespace roost::config {

// Applies nodes over the built-in defaults. An unknown key or section, or a bad value, is an
// error "file:line: reason".
Result<Settings> build_settings(const std::vector<Node>& nodes);
// parse_file + build_settings.
Result<Settings> load_file(const std::string& path);

// The effective settings in config syntax (like doveconf). `only_changed`: only those that
// differ from the built-in defaults (doveconf -n).
std::string dump_settings(const Settings& settings, bool only_changed);

}  // namespace roost::config
