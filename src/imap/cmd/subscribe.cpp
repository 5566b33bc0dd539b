// SUBSCRIBE and UNSUBSCRIBE (RFC 3501 §6.3.6, §6.3.7).
//
// Deviation until issue 3 stores subscriptions: every existing mailbox counts as subscribed
// (see LSUB in list.cpp), so SUBSCRIBE always holds and is answered OK — clients such as
// Thunderbird subscribe right after CREATE and would show an error otherwise — while
// UNSUBSCRIBE cannot be honoured and says so.
#include "imap/cmd/handlers.hpp"
#include "imap/proto/args.hpp"

namespace roost::imap::cmd {

void subscribe(Session& session, proto::Request request) {
    if (request.args.size() != 1) return session.finish(request.tag, "BAD", "", "Expected one mailbox name.");
    auto name = proto::parse_mailbox(request.args[0]);
    if (!name) return session.finish(request.tag, "BAD", "", name.error().message);
    if (request.command == "UNSUBSCRIBE")
        return session.finish(request.tag, "NO", "CANNOT", "Unsubscribing is not supported yet.");
    session.finish(request.tag, "OK", "", "Subscribe completed.");
}

}  // namespace roost::imap::cmd
