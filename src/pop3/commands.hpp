// THE POP3 command table: which handler runs a parsed command, and in which states it is
// allowed (RFC 1939 §3: "commands ... are only valid in certain states"). The session checks
// the state here, in one place, so that handlers can assume it.
#pragma once

#include "pop3/proto/parser.hpp"

namespace roost::pop3 {

class Session;

enum class State { Authorization, Transaction, Update };

// Bits of CommandSpec::states.
enum StateMask : unsigned {
    kInAuthorization = 1u << 0,
    kInTransaction = 1u << 1,
};
unsigned state_bit(State state);

// What a handler did: answered completely, or started work that ends with
// Session::command_finished() (a worker job, a delayed failure, a streamed body). The
// session reads no further pipelined command until then (RFC 2449 §6.6: responses stay in
// the order of the commands).
enum class Flow { Done, Async };

using Handler = Flow (*)(Session& session, const proto::Command& command);

struct CommandSpec {
    unsigned states;
    Handler handler;
};

// The entry for a parsed command (indexed by the variant's alternative).
const CommandSpec& command_spec(const proto::Command& command);

}  // namespace roost::pop3
