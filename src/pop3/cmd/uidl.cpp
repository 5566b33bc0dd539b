// UIDL [msg] (RFC 1939 §7): "msg unique-id"; the id format is Maildrop::uidl's.
#include "pop3/cmd/handlers.hpp"
#include "pop3/session.hpp"

namespace roost::pop3::cmd {

Flow uidl(Session& session, const proto::Command& command) {
    Maildrop& drop = session.maildrop();
    const auto& args = std::get<proto::Uidl>(command);
    if (args.message) {
        std::string error;
        const Maildrop::Message* m = drop.find(*args.message, error);
        if (!m) {
            session.reply_err(error);
            return Flow::Done;
        }
        session.reply_ok(std::to_string(*args.message) + " " + drop.uidl(*m));
        return Flow::Done;
    }
    std::vector<std::string> lines;
    lines.reserve(drop.size());
    for (uint32_t n = 1; n <= drop.size(); ++n) {
        const Maildrop::Message& m = drop.at(n);
        if (!m.deleted) lines.push_back(std::to_string(n) + " " + drop.uidl(m));
    }
    session.send(proto::multi_line("", lines));
    return Flow::Done;
}

}  // namespace roost::pop3::cmd
