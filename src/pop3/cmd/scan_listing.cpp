#include "pop3/cmd/scan_listing.hpp"

#include <vector>

#include "pop3/proto/writer.hpp"
#include "pop3/session.hpp"

namespace roost::pop3::cmd {

Flow send_scan_listing(Session& session, std::optional<uint32_t> message, const std::string& first_line,
                       const ListingValue& value) {
    Maildrop& drop = session.maildrop();
    if (message) {
        std::string error;
        const Maildrop::Message* m = drop.find(*message, error);
        if (!m) {
            session.reply_err(error);
            return Flow::Done;
        }
        session.reply_ok(std::to_string(*message) + " " + value(*m));
        return Flow::Done;
    }
    std::vector<std::string> lines;
    lines.reserve(drop.size());
    for (uint32_t n = 1; n <= drop.size(); ++n) {
        const Maildrop::Message& m = drop.at(n);
        if (!m.deleted) lines.push_back(std::to_string(n) + " " + value(m));
    }
    session.send(proto::multi_line(first_line, lines));
    return Flow::Done;
}

}  // namespace roost::pop3::cmd
