// Private to net/: the OpenSSL object behind a TlsContext. Includes OpenSSL headers, so it
// must never be included outside src/net/.
#pragma once

#include <openssl/ssl.h>

#include <string>

#include "net/tls_context.hpp"

namespace roost::net {

// The SSL_CTX of a context made by TlsContext::from_pem; null for any other implementation.
SSL_CTX* native_ssl_ctx(const TlsContext& context);

// The queued OpenSSL errors as one line (and clears the queue), for log messages.
std::string openssl_errors();

}  // namespace roost::net
