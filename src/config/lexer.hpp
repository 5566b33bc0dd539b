// One line of Dovecot-style config syntax -> what it says, without any file access or
// expansion. Internal to src/config (the parser and the dump writer share it).
#pragma once

#include <string>
#include <string_view>

#include "base/result.hpp"

namespace roost::config::lexer {

struct Line {
    enum class Kind { Blank, Setting, SectionOpen, SectionClose, Include } kind = Kind::Blank;
    std::string key;           // setting key, or section type
    std::string value;         // value, section name, include pattern, or `<file` path
    bool quoted = false;       // value was "quoted" or 'quoted': taken literally, no $key
    bool file_ref = false;     // `key = <path`: value is the path of a file to read
    bool include_try = false;  // `!include_try` rather than `!include`
};

// Splits one line (without its newline). Errors carry the reason only; the caller adds
// "file:line: ".
Result<Line> lex_line(std::string_view line);

// True for characters allowed in setting keys and section types: A-Z a-z 0-9 _ - .
bool is_key_char(char c);

// `value` written so that lex_line reads it back unchanged: bare when that is safe, else in
// double quotes with `\"` and `\\` escaped. Used by dump_settings and the embedded default.
std::string quote_value(std::string_view value);

}  // namespace roost::config::lexer
