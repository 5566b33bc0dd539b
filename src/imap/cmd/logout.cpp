// LOGOUT (RFC 3501 §6.1.3): untagged BYE, tagged OK, then the server closes.
#include "imap/cmd/handlers.hpp"
#include "imap/proto/writer.hpp"

namespace roost::imap::cmd {

void logout(Session& session, proto::Request request) {
    session.send(proto::untagged("BYE Logging out"));
    session.send(proto::tagged(request.tag, "OK", "", "Logout completed."));
    session.close(true);
}

}  // namespace roost::imap::cmd
