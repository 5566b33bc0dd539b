// LIST [msg] (RFC 1939 §5): "msg octets" scan listings, deleted messages left out.
#include "pop3/cmd/handlers.hpp"
#include "pop3/session.hpp"

namespace roost::pop3::cmd {

Flow list(Session& session, const proto::Command& command) {
    Maildrop& drop = session.maildrop();
    const auto& args = std::get<proto::List>(command);
    if (args.message) {
        std::string error;
        const Maildrop::Message* m = drop.find(*args.message, error);
        if (!m) {
            session.reply_err(error);
            return Flow::Done;
        }
        session.reply_ok(std::to_string(*args.message) + " " + std::to_string(m->size));
        return Flow::Done;
    }
    std::vector<std::string> lines;
    lines.reserve(drop.size());
    for (uint32_t n = 1; n <= drop.size(); ++n) {
        const Maildrop::Message& m = drop.at(n);
        if (!m.deleted) lines.push_back(std::to_string(n) + " " + std::to_string(m.size));
    }
    session.send(proto::multi_line(std::to_string(drop.live_count()) + " messages:", lines));
    return Flow::Done;
}

}  // namespace roost::pop3::cmd
