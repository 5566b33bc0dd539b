// Errors found in config files all read "file:line: reason", the shape an administrator
// knows from Dovecot and from compilers, so that an editor can jump to the spot.
#pragma once

#include <string>
#include <string_view>

#include "base/result.hpp"
#include "config/parser.hpp"

namespace roost::config {

inline Error error_at(const Location& where, std::string_view reason) {
    return make_error(where.file + ":" + std::to_string(where.line) + ": " + std::string(reason));
}

}  // namespace roost::config
