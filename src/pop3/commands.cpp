#include "pop3/commands.hpp"

#include <array>

#include "pop3/cmd/handlers.hpp"

namespace roost::pop3 {
namespace {

constexpr unsigned kAuth = kInAuthorization;
constexpr unsigned kTrans = kInTransaction;

// Order follows proto::Command's alternatives (checked by the static_assert below).
constexpr std::array<CommandSpec, std::variant_size_v<proto::Command>> kTable{{
    {kAuth, cmd::user},           // USER: RFC 1939 §7
    {kAuth, cmd::pass},           // PASS: RFC 1939 §7
    {kAuth, cmd::auth},           // AUTH: RFC 5034 §4
    {kTrans, cmd::stat},          // STAT: RFC 1939 §5
    {kTrans, cmd::list},          // LIST: RFC 1939 §5
    {kTrans, cmd::retr},          // RETR: RFC 1939 §5
    {kTrans, cmd::top},           // TOP: RFC 1939 §7
    {kTrans, cmd::uidl},          // UIDL: RFC 1939 §7
    {kTrans, cmd::dele},          // DELE: RFC 1939 §5
    {kTrans, cmd::rset},          // RSET: RFC 1939 §5
    {kTrans, cmd::noop},          // NOOP: RFC 1939 §5
    {kAuth | kTrans, cmd::quit},  // QUIT: RFC 1939 §4 and §6
    {kAuth | kTrans, cmd::capa},  // CAPA: RFC 2449 §5, "valid in both states"
    {kAuth, cmd::stls},           // STLS: RFC 2595 §4, AUTHORIZATION only
}};

}  // namespace

unsigned state_bit(State state) {
    switch (state) {
        case State::Authorization: return kInAuthorization;
        case State::Transaction: return kInTransaction;
        case State::Update: return 0;  // no command is read in UPDATE
    }
    return 0;
}

const CommandSpec& command_spec(const proto::Command& command) { return kTable[command.index()]; }

}  // namespace roost::pop3
