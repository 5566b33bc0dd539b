#include "auth/login_policy.hpp"

namespace roost::auth {

bool plaintext_auth_allowed(bool disable_plaintext_auth, bool tls_active, bool remote_is_loopback) {
    return !disable_plaintext_auth || tls_active || remote_is_loopback;
}

}  // namespace roost::auth
