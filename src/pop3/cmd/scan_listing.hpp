// The shape LIST and UIDL share (RFC 1939 §5, §7): with a message number, one "+OK n value"
// line; without, a multi-line listing of "n value" for every message not marked deleted.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "pop3/commands.hpp"
#include "pop3/maildrop.hpp"

namespace roost::pop3::cmd {

using ListingValue = std::function<std::string(const Maildrop::Message&)>;

Flow send_scan_listing(Session& session, std::optional<uint32_t> message, const std::string& first_line,
                       const ListingValue& value);

}  // namespace roost::pop3::cmd
