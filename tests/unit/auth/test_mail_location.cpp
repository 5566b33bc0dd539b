// expand_mail_location: Dovecot's mail_location ("maildir:PATH[:OPTIONS]") with %u %n %d %h %%
// and "~/" (Dovecot manual: mail_location and variables).
#include <catch2/catch.hpp>

#include "auth/authenticator.hpp"

using roost::auth::Authenticator;
using roost::auth::UserRecord;

namespace {

UserRecord user(const std::string& home = "") {
    UserRecord u;
    u.name = "jane.doe@example.org";
    u.home = home;
    return u;
}

std::string expand_ok(const std::string& location, const UserRecord& u) {
    auto r = Authenticator::expand_mail_location(location, u);
    INFO(location << " -> " << (r.ok() ? *r : r.error().message));
    REQUIRE(r.ok());
    return *r;
}

}  // namespace

TEST_CASE("mail_location variables expand", "[auth][mail_location]") {
    CHECK(expand_ok("maildir:/srv/mail/%d/%n/Maildir", user()) == "/srv/mail/example.org/jane.doe/Maildir");
    CHECK(expand_ok("maildir:/srv/mail/%u", user()) == "/srv/mail/jane.doe@example.org");
    CHECK(expand_ok("maildir:%h/Maildir", user("/home/jane")) == "/home/jane/Maildir");
    CHECK(expand_ok("maildir:/srv/100%%/%n", user()) == "/srv/100%/jane.doe");
}

TEST_CASE("mail_location ~/ means the user's home", "[auth][mail_location]") {
    CHECK(expand_ok("maildir:~/Maildir", user("/home/jane")) == "/home/jane/Maildir");
    CHECK(expand_ok("maildir:~", user("/home/jane")) == "/home/jane");
}

TEST_CASE("mail_location prefix is case-insensitive and optional for a bare path", "[auth][mail_location]") {
    CHECK(expand_ok("MailDir:/m/%n", user()) == "/m/jane.doe");
    CHECK(expand_ok("/m/%d", user()) == "/m/example.org");
}

TEST_CASE("mail_location options after the path are ignored (Dovecot :INDEX= and friends)",
          "[auth][mail_location]") {
    CHECK(expand_ok("maildir:/srv/mail/%d/%n:INDEX=/var/index/%u", user()) == "/srv/mail/example.org/jane.doe");
    CHECK(expand_ok("maildir:~/Maildir:LAYOUT=fs:INDEX=MEMORY", user("/home/jane")) == "/home/jane/Maildir");
}

TEST_CASE("a ':' inside the home directory is not taken for an option", "[auth][mail_location]") {
    CHECK(expand_ok("maildir:%h/Maildir", user("/home/odd:name")) == "/home/odd:name/Maildir");
}

TEST_CASE("mail_location errors", "[auth][mail_location]") {
    std::string location = GENERATE(as<std::string>{},
                                    "maildir:%h/Maildir",  // %h without a home
                                    "maildir:~/Maildir",   // ~ without a home
                                    "maildir:relative/%n", // not absolute
                                    "maildir:%n",          // not absolute after expansion
                                    "maildir:/m/%x",       // unknown variable
                                    "maildir:/m/%",        // lone %
                                    "maildir:",            // no path
                                    "",                    // nothing at all
                                    "mbox:/var/mail/%u");  // another storage driver
    CAPTURE(location);
    CHECK_FALSE(Authenticator::expand_mail_location(location, user()).ok());
}
