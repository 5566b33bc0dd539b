#include "auth/login_policy.hpp"

namespace roost::auth {

bool plaintext_auth_allowed(bool ssl_required, bool disable_plaintext_auth, bool tls_active,
                            bool remote_is_loopback) {
    if (tls_active) return true;
    if (ssl_required) return false;
    return !disable_plaintext_auth || remote_is_loopback;
}

}  // namespace roost::auth
