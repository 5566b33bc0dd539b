// Address lists for ENVELOPE (src/mail/address.hpp): RFC 5322 §3.4 with groups, routes and
// comments, and broken input repaired as Dovecot 2.3.19 does (checked against it).
#include <catch2/catch.hpp>

#include "mail/address.hpp"

using namespace roost::mail;

namespace {

std::string show(const std::vector<Address>& list) {
    auto field = [](const std::optional<std::string>& v) { return v ? "\"" + *v + "\"" : std::string("NIL"); };
    std::string out;
    for (const auto& a : list)
        out += "(" + field(a.name) + " " + field(a.route) + " " + field(a.mailbox) + " " + field(a.host) + ")";
    return out;
}

}  // namespace

TEST_CASE("address: mailboxes with display names, routes and comments (RFC 5322 §3.4)", "[mail][address]") {
    CHECK(show(parse_address_list("a@b")) == "(NIL NIL \"a\" \"b\")");
    CHECK(show(parse_address_list("\"Joe Q\" <joe@x.org>, (c) Al (cm) <@r1,@r2:al@y.z>")) ==
          "(\"Joe Q\" NIL \"joe\" \"x.org\")(\"Al\" \"@r1,@r2\" \"al\" \"y.z\")");
    // A comment after a bare address names it; "()" names nothing.
    CHECK(show(parse_address_list("joe@ex.com (Joe Cool)")) == "(\"Joe Cool\" NIL \"joe\" \"ex.com\")");
    CHECK(show(parse_address_list("user@d.net ()")) == "(\"\" NIL \"user\" \"d.net\")");
    CHECK(show(parse_address_list("\"q@q\"@d, a.b.c@[1.2.3.4]")) ==
          "(NIL NIL \"q@q\" \"d\")(NIL NIL \"a.b.c\" \"[1.2.3.4]\")");
    CHECK(show(parse_address_list("John Q. Public <jqp@x>")) == "(\"John Q. Public\" NIL \"jqp\" \"x\")");
    CHECK(parse_address_list("").empty());
    CHECK(parse_address_list("  ").empty());
}

TEST_CASE("address: groups become start and end markers (RFC 3501 §7.4.2)", "[mail][address]") {
    CHECK(show(parse_address_list("undisclosed-recipients:;")) == "(NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)");
    CHECK(show(parse_address_list("grp: a@b, \"c d\" <c@d>;, bad")) ==
          "(NIL NIL \"grp\" NIL)(NIL NIL \"a\" \"b\")(\"c d\" NIL \"c\" \"d\")(NIL NIL NIL NIL)(NIL NIL \"bad\" \"MISSING_DOMAIN\")");
    // A group left open is closed at the end.
    CHECK(show(parse_address_list("g2: a@b")) == "(NIL NIL \"g2\" NIL)(NIL NIL \"a\" \"b\")(NIL NIL NIL NIL)");
    CHECK(parse_address_list("grp: a@b;")[2].is_group_end());
    CHECK(parse_address_list("grp: a@b;")[0].is_group_start());
}

TEST_CASE("address: broken addresses repaired and cut as Dovecot does", "[mail][address]") {
    CHECK(show(parse_address_list("\"\" <>")) == "(NIL NIL \"MISSING_MAILBOX\" \"MISSING_DOMAIN\")");
    CHECK(show(parse_address_list("x@")) == "(NIL NIL \"x\" \"MISSING_DOMAIN\")");
    CHECK(show(parse_address_list("\"x\" ")) == "(\"x\" NIL \"MISSING_MAILBOX\" \"MISSING_DOMAIN\")");
    CHECK(show(parse_address_list("<Undisclosed-Recipient:;@Person 666>")) ==
          "(NIL NIL \"Undisclosed-Recipient\" \"SYNTAX_ERROR\")");
    CHECK(show(parse_address_list("<....@dogma.slashnull.org>")) == "(NIL NIL \"....\" \"dogma.slashnull.org\")");
    // Several words without <...>, or junk after an address: the rest is not read.
    CHECK(show(parse_address_list("a b@c, <x y@z>, foo bar")) == "(\"a b\" NIL \"MISSING_MAILBOX\" \"MISSING_DOMAIN\")");
    CHECK(show(parse_address_list("<a@b>junk.com, <c@d>")) == "(NIL NIL \"a\" \"b\")");
    CHECK(show(parse_address_list("x@loyno.\"edu\", y@z")) == "(NIL NIL \"x\" \"MISSING_DOMAIN\")");
}
