// POP3 command handlers, one per file in this folder. The session has already checked the
// state (commands.cpp), so each handler may assume it; each gets the parsed command of its
// own alternative.
#pragma once

#include <string_view>

#include "pop3/commands.hpp"

namespace roost::pop3::cmd {

Flow user(Session& session, const proto::Command& command);  // user_pass.cpp
Flow pass(Session& session, const proto::Command& command);  // user_pass.cpp
Flow auth(Session& session, const proto::Command& command);  // auth.cpp
// A line received while a SASL exchange started by AUTH is in progress (auth.cpp).
Flow auth_continue(Session& session, std::string_view line);
Flow stat(Session& session, const proto::Command& command);
Flow list(Session& session, const proto::Command& command);
Flow retr(Session& session, const proto::Command& command);
Flow top(Session& session, const proto::Command& command);
Flow uidl(Session& session, const proto::Command& command);
Flow dele(Session& session, const proto::Command& command);
Flow rset(Session& session, const proto::Command& command);
Flow noop(Session& session, const proto::Command& command);
Flow quit(Session& session, const proto::Command& command);
Flow capa(Session& session, const proto::Command& command);
Flow stls(Session& session, const proto::Command& command);

}  // namespace roost::pop3::cmd
