// RETR msg (RFC 1939 §5): "+OK <size> octets", the message dot-stuffed, ".".
#include "base/log.hpp"
#include "pop3/cmd/handlers.hpp"
#include "pop3/proto/writer.hpp"
#include "pop3/reply.hpp"
#include "pop3/session.hpp"

namespace roost::pop3::cmd {

Flow retr(Session& session, const proto::Command& command) {
    uint32_t number = std::get<proto::Retr>(command).message;
    Maildrop& drop = session.maildrop();
    std::string error;
    const Maildrop::Message* m = drop.find(number, error);
    if (!m) {
        session.reply_err(error);
        return Flow::Done;
    }
    struct Read {
        uint32_t uid = 0;
        storage::SResult<std::string> result{storage::Failure{storage::ErrorCode::Io, "not run"}};
    };
    auto read = std::make_shared<Read>();
    read->uid = m->uid;
    Maildrop* dropp = &drop;  // alive until the offload completes (Session keeps it)
    session.offload([read, dropp] { read->result = dropp->read(read->uid); },
                    [&session, read, number] {
                        if (session.closed()) return;
                        std::string component = "pop3(" + session.user() + ")";
                        if (!read->result) {
                            session.reply_err(storage_error_text(read->result.error(), component));
                            session.command_finished();
                            return;
                        }
                        Maildrop::Message& message = session.maildrop().at(number);
                        std::string body = std::move(*read->result);
                        // What goes out before the terminator (RFC 1939 §3 adds a CRLF after
                        // a last line without one), as LIST counted it.
                        const uint64_t octets = proto::message_octets(body);
                        if (octets != message.size) {
                            // LIST/STAT promised message.size; the file changed under us.
                            log::warning(component, "RETR " + std::to_string(number) + ": size " +
                                                        std::to_string(octets) + " differs from listed " +
                                                        std::to_string(message.size));
                        }
                        message.retrieved = true;
                        session.stats().retr_count++;
                        session.stats().retr_bytes += octets;
                        std::string status = std::to_string(octets) + " octets";
                        session.send_body(status, std::move(body));
                    });
    return Flow::Async;
}

}  // namespace roost::pop3::cmd
