// Users in SQLite: name (user@domain, stored case-folded), password hash in Dovecot's
// {SCHEME} form, optional home and mail location override, enabled flag.
//
// Threading: a UserStore is one SQLite connection; use it from one thread at a time.
// Sessions reach it only through Authenticator on the worker pool.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace roost::auth {

struct UserRecord {
    std::string name;           // canonical (lower case) user@domain
    std::string password_hash;  // "{ARGON2ID}$argon2id$v=19$..."
    std::string home;           // may be empty
    std::string mail;           // mail_location override, may be empty
    bool enabled = true;
};

class UserStore {
public:
    virtual ~UserStore() = default;
    // Opens (creating the schema when new) the database at `path`.
    static Result<std::unique_ptr<UserStore>> open(const std::string& path);

    virtual Result<std::optional<UserRecord>> find(const std::string& name) = 0;
    virtual Result<void> add(const UserRecord& user) = 0;       // error if it exists
    virtual Result<void> remove(const std::string& name) = 0;   // error if missing
    virtual Result<void> set_password_hash(const std::string& name, const std::string& hash) = 0;
    virtual Result<std::vector<UserRecord>> list() = 0;
};

// user@domain, lower-cased; error when it is not of that form or holds characters that are
// unsafe in a path (/, NUL, control characters) or a leading dot in either part.
Result<std::string> canonical_user_name(std::string_view name);

}  // namespace roost::auth
