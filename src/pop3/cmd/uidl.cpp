// UIDL [msg] (RFC 1939 §7): "msg unique-id"; the id format is Maildrop::uidl's.
#include "pop3/cmd/handlers.hpp"
#include "pop3/cmd/scan_listing.hpp"
#include "pop3/session.hpp"

namespace roost::pop3::cmd {

Flow uidl(Session& session, const proto::Command& command) {
    const auto& args = std::get<proto::Uidl>(command);
    const Maildrop& drop = session.maildrop();
    return send_scan_listing(session, args.message, "",
                             [&drop](const Maildrop::Message& m) { return drop.uidl(m); });
}

}  // namespace roost::pop3::cmd
