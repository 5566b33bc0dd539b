// One handler per file in cmd/; registered in commands.cpp.
#pragma once

#include "imap/proto/token.hpp"
#include "imap/session.hpp"

namespace roost::imap::cmd {

void capability(Session& session, proto::Request request);
void noop(Session& session, proto::Request request);  // NOOP and CHECK
void logout(Session& session, proto::Request request);
void starttls(Session& session, proto::Request request);
void login(Session& session, proto::Request request);
void authenticate(Session& session, proto::Request request);
void list(Session& session, proto::Request request);  // LIST and LSUB
void select(Session& session, proto::Request request);  // SELECT and EXAMINE
void create(Session& session, proto::Request request);
void delete_mailbox(Session& session, proto::Request request);  // DELETE
void rename(Session& session, proto::Request request);
void subscribe(Session& session, proto::Request request);  // SUBSCRIBE and UNSUBSCRIBE
void status(Session& session, proto::Request request);
void append(Session& session, proto::Request request);
void fetch(Session& session, proto::Request request);  // FETCH and UID FETCH
void store(Session& session, proto::Request request);  // STORE and UID STORE
void expunge(Session& session, proto::Request request);
void close(Session& session, proto::Request request);
void copy(Session& session, proto::Request request);  // COPY and UID COPY
void search(Session& session, proto::Request request);  // SEARCH and UID SEARCH

}  // namespace roost::imap::cmd
