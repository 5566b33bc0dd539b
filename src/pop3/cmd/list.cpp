// LIST [msg] (RFC 1939 §5): "msg octets" scan listings, deleted messages left out.
#include "pop3/cmd/handlers.hpp"
#include "pop3/cmd/scan_listing.hpp"
#include "pop3/session.hpp"

namespace roost::pop3::cmd {

Flow list(Session& session, const proto::Command& command) {
    const auto& args = std::get<proto::List>(command);
    return send_scan_listing(session, args.message, std::to_string(session.maildrop().live_count()) + " messages:",
                             [](const Maildrop::Message& m) { return std::to_string(m.size); });
}

}  // namespace roost::pop3::cmd
