#include "imap/commands.hpp"

#include "imap/cmd/handlers.hpp"

namespace roost::imap {
namespace {

// RFC 3501 §6: which commands exist in which state.
constexpr CommandSpec kCommands[] = {
    {"CAPABILITY", kAnyState, cmd::capability},
    {"NOOP", kAnyState, cmd::noop},
    {"LOGOUT", kAnyState, cmd::logout},
    {"STARTTLS", kNotAuthenticated, cmd::starttls},
    {"LOGIN", kNotAuthenticated, cmd::login},
    {"AUTHENTICATE", kNotAuthenticated, cmd::authenticate},
    {"SELECT", kLoggedIn, cmd::select},
    {"EXAMINE", kLoggedIn, cmd::select},
    {"CREATE", kLoggedIn, cmd::create},
    {"SUBSCRIBE", kLoggedIn, cmd::subscribe},
    {"UNSUBSCRIBE", kLoggedIn, cmd::subscribe},
    {"LIST", kLoggedIn, cmd::list},
    {"LSUB", kLoggedIn, cmd::list},
    {"STATUS", kLoggedIn, cmd::status},
    {"APPEND", kLoggedIn, cmd::append},
    {"CHECK", kSelected, cmd::noop},
    {"CLOSE", kSelected, cmd::close},
    {"EXPUNGE", kSelected, cmd::expunge},
    {"UID EXPUNGE", kSelected, cmd::expunge},
    {"FETCH", kSelected, cmd::fetch},
    {"UID FETCH", kSelected, cmd::fetch},
    {"STORE", kSelected, cmd::store},
    {"UID STORE", kSelected, cmd::store},
    {"SEARCH", kSelected, cmd::search},
    {"UID SEARCH", kSelected, cmd::search},
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
