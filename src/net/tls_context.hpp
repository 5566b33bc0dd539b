// Server TLS settings (an OpenSSL SSL_CTX) and self-signed certificate generation.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace roost::net {

class TlsContext {
public:
    virtual ~TlsContext() = default;
    // PEM text of the certificate chain and of the private key (Dovecot's ssl_cert/ssl_key
    // values are file contents, read with the `<file` syntax).
    static Result<std::shared_ptr<TlsContext>> from_pem(const std::string& cert_pem, const std::string& key_pem);
};

// Writes a new self-signed certificate and its key (EC P-256) to the two paths, valid for ten
// years, naming every entry of `names` in subjectAltName (DNS names, or IP addresses when they
// parse as one). Uses the OpenSSL API, never the `openssl` program. The key file is mode 0600.
Result<void> generate_self_signed(const std::string& cert_path, const std::string& key_path,
                                  const std::vector<std::string>& names);

}  // namespace roost::net
