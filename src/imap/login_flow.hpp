// The part of LOGIN and AUTHENTICATE after the credentials are known: verification and the
// opening of the user's Maildir on the worker pool, the failure delay, and the answer.
#pragma once

#include <string>

#include "imap/session.hpp"

namespace roost::imap {

// Answers `tag` with OK [CAPABILITY ...] or, after auth::kFailedLoginDelayMs,
// NO [AUTHENTICATIONFAILED] (the same text for an unknown user and a wrong password).
void verify_credentials(Session& session, std::string tag, std::string user, std::string password,
                        std::string method);

// A failed attempt that never reached the user store (bad SASL exchange, foreign authzid):
// counted and delayed like a wrong password.
void reject_credentials(Session& session, std::string tag, std::string user, std::string method);

// NO [PRIVACYREQUIRED] when authentication is not allowed on this connection yet.
void refuse_plaintext(Session& session, const std::string& tag);

}  // namespace roost::imap
