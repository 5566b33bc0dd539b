// The end of every POP3 login (USER/PASS and AUTH): check the credentials on the worker pool,
// delay failures, take the POP3 lock, open the maildrop snapshot and enter TRANSACTION.
#pragma once

#include <string>
#include <vector>

#include "pop3/commands.hpp"

namespace roost::pop3 {

class Session;

// Always returns Flow::Async; the command ends with "+OK Logged in." or "-ERR [AUTH] ..."
// (or "-ERR [IN-USE] ..." and a close). `method` is the SASL name for the log ("PLAIN" for
// USER/PASS, as Dovecot logs it).
Flow verify_login(Session& session, std::string user, std::string password, std::string method);

// SASL mechanisms offered now (CAPA's SASL line, bare AUTH, and which AUTH is accepted):
// those in auth_mechanisms that Roost implements, minus the plaintext ones while plaintext
// authentication is disallowed (RFC 2595 §6 asks clients not to send them anyway). Upper case.
std::vector<std::string> offered_mechanisms(const Session& session);

// The failure answer after the penalty delay (also for failed or malformed SASL exchanges):
// RFC 2449 §8.1 / RFC 3206 [AUTH], identical whether the user exists or not.
Flow fail_login(Session& session, std::string user, std::string method);

// "-ERR [AUTH] Plaintext authentication disallowed ..." (Dovecot's wording) for USER, PASS
// or a plaintext AUTH before TLS, remembered for the disconnect log line.
void refuse_plaintext(Session& session);

}  // namespace roost::pop3
