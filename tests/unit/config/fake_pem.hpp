// Stand-ins for certificate and key files in config tests.
#pragma once

#include <string>

namespace roost::config::test {

// Looks like PEM to the loader, which only checks for a BEGIN line; TLS setup is net's job.
inline const std::string fake_cert = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";
inline const std::string fake_key = "-----BEGIN PRIVATE KEY-----\nMIIEfake\n-----END PRIVATE KEY-----\n";

}  // namespace roost::config::test
