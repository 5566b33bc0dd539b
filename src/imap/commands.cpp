#include "imap/commands.hpp"

#include "imap/cmd/handlers.hpp"

namespace roost::imap {
namespace {

// RFC 3501 §6: which commands exist in which state, and which may report mailbox changes
// when they complete.
constexpr CommandSpec kCommands[] = {
    {"CAPABILITY", kAnyState, cmd::capability, SyncAfter::Report},
    {"NOOP", kAnyState, cmd::noop, SyncAfter::Report},
    {"LOGOUT", kAnyState, cmd::logout, SyncAfter::None},
    {"STARTTLS", kNotAuthenticated, cmd::starttls, SyncAfter::None},
    {"LOGIN", kNotAuthenticated, cmd::login, SyncAfter::None},
    {"AUTHENTICATE", kNotAuthenticated, cmd::authenticate, SyncAfter::None},
    {"SELECT", kLoggedIn, cmd::select, SyncAfter::None},
    {"EXAMINE", kLoggedIn, cmd::select, SyncAfter::None},
    {"CREATE", kLoggedIn, cmd::create, SyncAfter::Report},
    {"DELETE", kLoggedIn, cmd::delete_mailbox, SyncAfter::Report},
    {"RENAME", kLoggedIn, cmd::rename, SyncAfter::Report},
    {"SUBSCRIBE", kLoggedIn, cmd::subscribe, SyncAfter::Report},
    {"UNSUBSCRIBE", kLoggedIn, cmd::subscribe, SyncAfter::Report},
    {"LIST", kLoggedIn, cmd::list, SyncAfter::Report},
    {"LSUB", kLoggedIn, cmd::list, SyncAfter::Report},
    {"STATUS", kLoggedIn, cmd::status, SyncAfter::Report},
    {"APPEND", kLoggedIn, cmd::append, SyncAfter::Report},
    {"CHECK", kSelected, cmd::noop, SyncAfter::Report},
    {"CLOSE", kSelected, cmd::close, SyncAfter::None},
    {"EXPUNGE", kSelected, cmd::expunge, SyncAfter::None},
    {"UID EXPUNGE", kSelected, cmd::expunge, SyncAfter::None},
    {"FETCH", kSelected, cmd::fetch, SyncAfter::None},
    {"UID FETCH", kSelected, cmd::fetch, SyncAfter::Report},
    {"COPY", kSelected, cmd::copy, SyncAfter::Report},
    {"UID COPY", kSelected, cmd::copy, SyncAfter::Report},
    {"STORE", kSelected, cmd::store, SyncAfter::None},
    {"UID STORE", kSelected, cmd::store, SyncAfter::Report},
    {"SEARCH", kSelected, cmd::search, SyncAfter::None},
    {"UID SEARCH", kSelected, cmd::search, SyncAfter::Report},
};

}  // namespace

const CommandSpec* find_command(std::string_view name) {
    for (const CommandSpec& spec : kCommands)
        if (spec.name == name) return &spec;
    return nullptr;
}

unsigned state_bit(State state) {
    switch (state) {
        case State::NotAuthenticated: return kNotAuthenticated;
        case State::Authenticated: return kAuthenticated;
        case State::Selected: return kSelected;
        case State::Logout: return 0;
    }
    return 0;
}

}  // namespace roost::imap
