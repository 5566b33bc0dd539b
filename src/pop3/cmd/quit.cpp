// QUIT (RFC 1939 §4 and §6). In AUTHORIZATION: goodbye. In TRANSACTION: enter UPDATE, remove
// the messages marked by DELE, answer, close. Only this path deletes anything.
#include "base/log.hpp"
#include "pop3/cmd/handlers.hpp"
#include "pop3/session.hpp"

namespace roost::pop3::cmd {

Flow quit(Session& session, const proto::Command&) {
    if (session.state() == State::Authorization) {
        session.reply_ok("Logging out.");
        session.close();
        return Flow::Done;
    }
    session.enter_update();
    struct Commit {
        storage::SResult<size_t> result{storage::Failure{storage::ErrorCode::Io, "not run"}};
    };
    auto commit = std::make_shared<Commit>();
    Maildrop* dropp = &session.maildrop();  // alive until the offload completes (Session keeps it)
    session.offload([commit, dropp] { commit->result = dropp->commit(); },
                    [&session, commit] {
                        // Even if the client is gone, the deletions it asked for with QUIT
                        // were made: RFC 1939 §6 ties them to QUIT, not to reading the answer.
                        if (session.closed()) return;
                        if (!commit->result) {
                            // RFC 1939 §6: "-ERR some deleted messages not removed".
                            log::error("pop3(" + session.user() + ")",
                                       "QUIT: expunge failed: " + commit->result.error().message);
                            session.reply_err("[SYS/TEMP] Some deleted messages were not removed.");
                        } else {
                            session.stats().expunged = *commit->result;
                            session.stats().logged_out = true;
                            session.reply_ok(*commit->result > 0 ? "Logging out, messages deleted." : "Logging out.");
                        }
                        session.close();
                        session.command_finished();
                    });
    return Flow::Async;
}

}  // namespace roost::pop3::cmd
