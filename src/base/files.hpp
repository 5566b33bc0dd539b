// File helpers: whole-file reads and durable writes (write to a temp name, fsync, rename,
// fsync the directory), so that a crash never leaves a half-written file in place.
#pragma once

#include <string>
#include <string_view>

#include "base/result.hpp"

namespace roost::files {

Result<std::string> read_all(const std::string& path);
// Writes `data` to `path` atomically and durably; `mode` applies to the new file.
Result<void> write_atomic(const std::string& path, std::string_view data, unsigned mode = 0600);
// fsync() a directory so that a rename or create inside it survives a crash.
Result<void> fsync_dir(const std::string& dir);
// mkdir -p with `mode` for the directories it creates.
Result<void> make_dirs(const std::string& path, unsigned mode = 0700);
bool exists(const std::string& path);

}  // namespace roost::files
