// Storage failures as POP3 answers: the one place where storage::ErrorCode becomes -ERR text
// (RFC 2449 §8 response codes: [IN-USE], [SYS/TEMP]).
#pragma once

#include <string>
#include <string_view>

#include "storage/mail_store.hpp"

namespace roost::pop3 {

// The text after "-ERR " for `failure`; logs the details of internal errors under `component`.
std::string storage_error_text(const storage::Failure& failure, std::string_view component);

}  // namespace roost::pop3
