// TOP msg n (RFC 1939 §7): header, blank line and the first n body lines, dot-stuffed.
// Unlike RETR it does not count as reading the message (no \Seen at QUIT).
#include "pop3/cmd/handlers.hpp"
#include "pop3/proto/top.hpp"
#include "pop3/reply.hpp"
#include "pop3/session.hpp"

namespace roost::pop3::cmd {

Flow top(Session& session, const proto::Command& command) {
    const auto& args = std::get<proto::Top>(command);
    Maildrop& drop = session.maildrop();
    std::string error;
    const Maildrop::Message* m = drop.find(args.message, error);
    if (!m) {
        session.reply_err(error);
        return Flow::Done;
    }
    struct Read {
        uint32_t uid = 0;
        uint64_t lines = 0;
        storage::SResult<std::string> result{storage::Failure{storage::ErrorCode::Io, "not run"}};
    };
    auto read = std::make_shared<Read>();
    read->uid = m->uid;
    read->lines = args.lines;
    Maildrop* dropp = &drop;  // alive until the offload completes (Session keeps it)
    session.offload(
        [read, dropp] {
            read->result = dropp->read(read->uid);
            // Cut on the worker too: the prefix may be most of a large message.
            if (read->result) read->result->resize(proto::top_prefix(*read->result, read->lines).size());
        },
        [&session, read] {
            if (session.closed()) return;
            if (!read->result) {
                session.reply_err(storage_error_text(read->result.error(), "pop3(" + session.user() + ")"));
                session.command_finished();
                return;
            }
            session.stats().top_count++;
            session.stats().top_bytes += read->result->size();
            session.send_body("", std::move(*read->result));
        });
    return Flow::Async;
}

}  // namespace roost::pop3::cmd
