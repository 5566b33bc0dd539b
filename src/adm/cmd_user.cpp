// roostadm user add|del|passwd|list: manage the SQLite user store named by the passdb
// section (args = database path). Passwords come from a prompt on the terminal (twice, no
// echo) or, for scripts, one line on stdin with --password-stdin.
#include <fcntl.h>
#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>

#include "adm/commands.hpp"
#include "auth/authenticator.hpp"
#include "auth/password.hpp"
#include "auth/user_store.hpp"
#include "base/files.hpp"
#include "server/settings_loader.hpp"

namespace roost::adm {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;  // as roostadm's main() does for bad command lines

const char* const kUsage =
    "usage: roostadm user add NAME [--password-stdin] [--home DIR] [--mail LOCATION]\n"
    "       roostadm user del NAME\n"
    "       roostadm user passwd NAME [--password-stdin]\n"
    "       roostadm user list\n";

int fail(const std::string& message) {
    std::fprintf(stderr, "roostadm: %s\n", message.c_str());
    return kExitFailure;
}

int usage_error(const std::string& message) {
    std::fprintf(stderr, "roostadm: %s\n%s", message.c_str(), kUsage);
    return kExitUsage;
}

// A password in memory is wiped when it goes out of scope.
class Secret {
public:
    Secret() = default;
    explicit Secret(std::string text) : text_(std::move(text)) {}
    ~Secret() { wipe(); }
    Secret(Secret&& other) noexcept : text_(std::move(other.text_)) { other.wipe(); }
    Secret& operator=(Secret&& other) noexcept {
        if (this != &other) {
            wipe();
            text_ = std::move(other.text_);
            other.wipe();
        }
        return *this;
    }
    Secret(const Secret&) = delete;
    Secret& operator=(const Secret&) = delete;

    const std::string& text() const { return text_; }

private:
    void wipe() {
        if (!text_.empty()) sodium_memzero(text_.data(), text_.size());
        text_.clear();
    }
    std::string text_;
};

struct Options {
    std::string name;
    bool password_stdin = false;
    std::string home;
    std::string mail;
};

// Parses NAME and the options a subcommand allows, in any order.
std::optional<Options> parse_options(const Args& args, bool allow_password, bool allow_home_mail, std::string& error) {
    Options opts;
    bool have_name = false;
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--password-stdin" && allow_password) {
            opts.password_stdin = true;
        } else if ((arg == "--home" || arg == "--mail") && allow_home_mail) {
            if (i + 1 >= args.size()) {
                error = arg + " needs a value";
                return std::nullopt;
            }
            (arg == "--home" ? opts.home : opts.mail) = args[++i];
        } else if (!arg.empty() && arg[0] == '-') {
            error = "unknown option " + arg + " for 'user " + args[0] + "'";
            return std::nullopt;
        } else if (have_name) {
            error = "unexpected argument " + arg;
            return std::nullopt;
        } else {
            opts.name = arg;
            have_name = true;
        }
    }
    if (!have_name) {
        error = "'user " + args[0] + "' needs a user name";
        return std::nullopt;
    }
    return opts;
}

void strip_line_end(std::string& line) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
}

std::optional<Secret> read_password_stdin() {
    std::string line;
    if (!std::getline(std::cin, line) && line.empty()) return std::nullopt;
    strip_line_end(line);
    return Secret(std::move(line));
}

// Reads one line from the terminal with echo off, restoring the terminal afterwards.
std::optional<Secret> prompt_on_tty(int tty, const char* prompt) {
    if (::write(tty, prompt, std::strlen(prompt)) < 0) return std::nullopt;
    termios saved{};
    bool restore = ::tcgetattr(tty, &saved) == 0;
    if (restore) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        quiet.c_lflag |= ECHONL;  // the Enter key still moves to the next line
        ::tcsetattr(tty, TCSAFLUSH, &quiet);
    }
    std::string line;
    bool got_line = false;
    char c;
    for (;;) {
        ssize_t n = ::read(tty, &c, 1);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        if (c == '\n') {
            got_line = true;
            break;
        }
        if (c != '\r') line += c;  // a terminal in raw-ish mode may send CR LF
    }
    if (restore) ::tcsetattr(tty, TCSAFLUSH, &saved);
    Secret secret(std::move(line));
    if (!got_line) return std::nullopt;
    return secret;
}

// The new password: one line of stdin, or typed twice on /dev/tty. Refuses empty ones.
std::optional<Secret> read_new_password(bool from_stdin, std::string& error) {
    std::optional<Secret> password;
    if (from_stdin) {
        password = read_password_stdin();
        if (!password) error = "no password on standard input";
    } else {
        int tty = ::open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
        if (tty < 0) {
            error = "no terminal to prompt for a password; use --password-stdin";
            return std::nullopt;
        }
        password = prompt_on_tty(tty, "New password: ");
        std::optional<Secret> again;
        if (password) again = prompt_on_tty(tty, "Retype new password: ");
        ::close(tty);
        if (!password || !again) {
            error = "no password entered";
            return std::nullopt;
        }
        if (password->text().size() != again->text().size() ||
            sodium_memcmp(password->text().data(), again->text().data(), password->text().size()) != 0) {
            error = "passwords do not match";
            return std::nullopt;
        }
    }
    if (password && password->text().empty()) {
        error = "empty passwords are not allowed";
        return std::nullopt;
    }
    return password;
}

struct Context {
    std::string db_path;
    std::string mail_location;
};

std::optional<Context> load_context(const std::optional<std::string>& config_path, std::string& error) {
    auto settings = server::load_settings(config_path);
    if (!settings) {
        error = settings.error().message;
        return std::nullopt;
    }
    const config::Database& passdb = settings->passdb;
    if (!passdb.driver.empty() && passdb.driver != "sqlite") {
        error = "passdb driver '" + passdb.driver + "' is not supported (only sqlite)";
        return std::nullopt;
    }
    if (passdb.args.empty()) {
        error = "passdb has no database path (args)";
        return std::nullopt;
    }
    return Context{passdb.args, settings->mail_location};
}

std::string parent_dir(const std::string& path) {
    auto slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

Result<std::unique_ptr<auth::UserStore>> open_store(const Context& ctx) { return auth::UserStore::open(ctx.db_path); }

int user_add(const Context& ctx, const Options& opts) {
    auto name = auth::canonical_user_name(opts.name);
    if (!name) return fail("invalid user name '" + opts.name + "': " + name.error().message);
    if (!opts.home.empty() && opts.home[0] != '/') return fail("--home must be an absolute path");
    auth::UserRecord user;
    user.name = *name;
    user.home = opts.home;
    user.mail = opts.mail;
    // Check the Maildir path now, not at the user's first login.
    const std::string& location = user.mail.empty() ? ctx.mail_location : user.mail;
    if (auto maildir = auth::Authenticator::expand_mail_location(location, user); !maildir) {
        if (!user.mail.empty()) return fail("--mail: " + maildir.error().message);
        std::fprintf(stderr, "roostadm: warning: %s (logins will fail until that is fixed)\n",
                     maildir.error().message.c_str());
    }
    if (auto made = files::make_dirs(parent_dir(ctx.db_path)); !made) return fail(made.error().message);
    auto store = open_store(ctx);
    if (!store) return fail(store.error().message);
    // Refuse an existing user before asking for a password that would be thrown away.
    auto existing = (*store)->find(*name);
    if (!existing) return fail(existing.error().message);
    if (existing->has_value()) return fail("user " + *name + " already exists");
    std::string error;
    auto password = read_new_password(opts.password_stdin, error);
    if (!password) return fail(error);
    auto hash = auth::hash_password(password->text());
    if (!hash) return fail(hash.error().message);
    user.password_hash = *hash;
    if (auto added = (*store)->add(user); !added) return fail(added.error().message);
    std::printf("user %s added\n", name->c_str());
    return kExitOk;
}

int user_del(const Context& ctx, const Options& opts) {
    auto name = auth::canonical_user_name(opts.name);
    if (!name) return fail("invalid user name '" + opts.name + "': " + name.error().message);
    if (!files::exists(ctx.db_path)) return fail("user " + *name + " does not exist");
    auto store = open_store(ctx);
    if (!store) return fail(store.error().message);
    if (auto removed = (*store)->remove(*name); !removed) return fail(removed.error().message);
    std::printf("user %s removed (the Maildir stays)\n", name->c_str());
    return kExitOk;
}

int user_passwd(const Context& ctx, const Options& opts) {
    auto name = auth::canonical_user_name(opts.name);
    if (!name) return fail("invalid user name '" + opts.name + "': " + name.error().message);
    if (!files::exists(ctx.db_path)) return fail("user " + *name + " does not exist");
    auto store = open_store(ctx);
    if (!store) return fail(store.error().message);
    auto existing = (*store)->find(*name);
    if (!existing) return fail(existing.error().message);
    if (!existing->has_value()) return fail("user " + *name + " does not exist");
    std::string error;
    auto password = read_new_password(opts.password_stdin, error);
    if (!password) return fail(error);
    auto hash = auth::hash_password(password->text());
    if (!hash) return fail(hash.error().message);
    if (auto set = (*store)->set_password_hash(*name, *hash); !set) return fail(set.error().message);
    std::printf("password of %s changed\n", name->c_str());
    return kExitOk;
}

int user_list(const Context& ctx) {
    // No database yet means no users; do not create one just to list it.
    if (!files::exists(ctx.db_path)) return kExitOk;
    auto store = open_store(ctx);
    if (!store) return fail(store.error().message);
    auto users = (*store)->list();
    if (!users) return fail(users.error().message);
    for (const auto& user : *users) std::printf("%s%s\n", user.name.c_str(), user.enabled ? "" : " (disabled)");
    return kExitOk;
}

}  // namespace

int cmd_user(const std::optional<std::string>& config_path, const Args& args) {
    if (args.empty()) return usage_error("'user' needs a subcommand");
    const std::string& sub = args[0];
    std::optional<Options> opts;
    std::string error;
    if (sub == "add") {
        opts = parse_options(args, true, true, error);
    } else if (sub == "passwd") {
        opts = parse_options(args, true, false, error);
    } else if (sub == "del") {
        opts = parse_options(args, false, false, error);
    } else if (sub == "list") {
        if (args.size() > 1) return usage_error("'user list' takes no arguments");
    } else {
        return usage_error("unknown subcommand 'user " + sub + "'");
    }
    if (sub != "list" && !opts) return usage_error(error);

    auto ctx = load_context(config_path, error);
    if (!ctx) return fail(error);
    if (sub == "add") return user_add(*ctx, *opts);
    if (sub == "del") return user_del(*ctx, *opts);
    if (sub == "passwd") return user_passwd(*ctx, *opts);
    return user_list(*ctx);
}

}  // namespace roost::adm
