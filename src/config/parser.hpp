// Dovecot-style config syntax -> a tree of settings, with the file and line of each item.
// Forms: `key = value`, `section [name] {` ... `}`, `!include GLOB`, `!include_try GLOB`,
// `key = <file` (value read from a file), `$key` references to earlier values, `#` comments,
// quoted values ("..." or '...'). Pure apart from reading included files.
// The exact rules (globs, missing files, `$key`, quoting) are listed at the top of parser.cpp.
#pragma once

#include <string>
#include <vector>

#include "base/result.hpp"

namespace roost::config {

struct Location {
    std::string file;
    int line = 0;
};

struct Node {
    enum class Kind { Setting, Section } kind = Kind::Setting;
    std::string key;    // setting key, or section type ("service", "inet_listener", "passdb")
    std::string value;  // setting value, or section name ("imap-login"; may be empty)
    Location where;
    std::vector<Node> children;  // sections only
    // For `key = <path`: the absolute path the value was read from (value holds the content),
    // so that `roostadm config` can print `key = <path` again. Empty otherwise.
    std::string value_file;
};

// Errors carry "file:line: reason" in their message.
Result<std::vector<Node>> parse_file(const std::string& path);
// `name` stands in for the file name in errors; includes are relative to `base_dir`.
Result<std::vector<Node>> parse_text(const std::string& text, const std::string& name, const std::string& base_dir);

}  // namespace roost::config
