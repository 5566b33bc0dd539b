// THE command table: every IMAP command, the states where it is allowed and its handler.
// Handlers live in cmd/, one file each, and must end every command with Session::finish
// (or close the session).
#pragma once

#include <string_view>

#include "imap/proto/token.hpp"
#include "imap/session.hpp"

namespace roost::imap {

enum StateMask : unsigned {
    kNotAuthenticated = 1u << 0,
    kAuthenticated = 1u << 1,
    kSelected = 1u << 2,
    kAnyState = kNotAuthenticated | kAuthenticated | kSelected,
    kLoggedIn = kAuthenticated | kSelected,
};

using Handler = void (*)(Session& session, proto::Request request);

// Whether the session syncs the selected mailbox when the command completes and reports what
// other sessions and deliveries changed (RFC 3501 §5.2, §7.3.1, §7.4.1).
enum class SyncAfter {
    Report,  // sync, then untagged EXPUNGE/EXISTS/RECENT/FETCH before the tagged reply
    // No sync: the handler reports changes itself (SELECT, EXPUNGE), or the
    // command is FETCH, STORE or SEARCH, during which an EXPUNGE would shift the sequence
    // numbers the client is using (§7.4.1); their UID forms may report.
    None,
};

struct CommandSpec {
    std::string_view name;  // upper case; "UID FETCH" for the UID forms
    unsigned states;        // StateMask bits where the command is allowed
    Handler handler;
    SyncAfter sync_after;
};

// nullptr for an unknown command. `name` is upper case.
const CommandSpec* find_command(std::string_view name);
unsigned state_bit(State state);

}  // namespace roost::imap
