// ENVELOPE, BODY and BODYSTRUCTURE (RFC 3501 §7.4.2) rendered from mail::parse_mime. Every
// expected answer below is what Dovecot 2.3.19 sent for the same message (captured from a
// private instance), so these pin byte-for-byte compatibility as well as the RFC shapes.
#include <catch2/catch.hpp>

#include "imap/proto/body_structure.hpp"
#include "mail/message.hpp"

using namespace roost;

namespace {

struct Case {
    const char* what;
    const char* message;  // LF line ends, as written to the test messages
    const char* envelope;
    const char* body_structure;
    const char* body;
};

const Case kCases[] = {
    {"multipart with extension data, RFC 2231 pieces and a nested message/rfc822 with groups",
     "From: a@b\nSubject: hi\nMIME-Version: 1.0\nContent-Type: MULTIPART/Mixed; Boundary=\"XX\"; Foo*0*=us-ascii'en'This%20is; foo*1*=%20more; foo*2=\" end\"; baz=plain\n\npreamble\n--XX\nContent-Type: TEXT/Plain; CharSet=UTF-8\nContent-Disposition: Attachment; FileName=\"a b.txt\"; size=3\nContent-Language: EN, de\nContent-Location: http://x/y\nContent-ID: <id@x>\nContent-Description: desc here\nContent-Transfer-Encoding: QUOTED-Printable\nContent-MD5: abc==\n\nline1\nline2\n--XX\nContent-Type: message/rfc822\n\nFrom: \"Joe Q\" <joe@x.org>, grp: a@b, \"c d\" <c@d>;, bad\nSubject: inner\nDate: Mon, 1 Jan 2001 00:00:00 +0000\nMessage-ID: <m@x>\nIn-Reply-To:   <r@x>  (comment)\nContent-Type: text/html\n\n<b>x</b>\n--XX\nContent-Type: application/octet-stream\n\nno-eol\n--XX--\nepilogue\n",
     "(NIL \"hi\" ((NIL NIL \"a\" \"b\")) ((NIL NIL \"a\" \"b\")) ((NIL NIL \"a\" \"b\")) NIL NIL NIL NIL NIL)",
     "((\"TEXT\" \"Plain\" (\"CharSet\" \"UTF-8\") \"<id@x>\" \"desc here\" \"QUOTED-Printable\" 12 1 \"abc==\" (\"Attachment\" (\"FileName\" \"a b.txt\" \"size\" \"3\")) (\"EN\" \"de\") \"http://x/y\")(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 197 (\"Mon, 1 Jan 2001 00:00:00 +0000\" \"inner\" ((\"Joe Q\" NIL \"joe\" \"x.org\")(NIL NIL \"grp\" NIL)(NIL NIL \"a\" \"b\")(\"c d\" NIL \"c\" \"d\")(NIL NIL NIL NIL)(NIL NIL \"bad\" \"MISSING_DOMAIN\")) ((\"Joe Q\" NIL \"joe\" \"x.org\")(NIL NIL \"grp\" NIL)(NIL NIL \"a\" \"b\")(\"c d\" NIL \"c\" \"d\")(NIL NIL NIL NIL)(NIL NIL \"bad\" \"MISSING_DOMAIN\")) ((\"Joe Q\" NIL \"joe\" \"x.org\")(NIL NIL \"grp\" NIL)(NIL NIL \"a\" \"b\")(\"c d\" NIL \"c\" \"d\")(NIL NIL NIL NIL)(NIL NIL \"bad\" \"MISSING_DOMAIN\")) NIL NIL NIL \"<r@x>  (comment)\" \"<m@x>\") (\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 8 0 NIL NIL NIL NIL) 7 NIL NIL NIL NIL)(\"application\" \"octet-stream\" NIL NIL NIL \"7bit\" 6 NIL NIL NIL NIL) \"Mixed\" (\"Boundary\" \"XX\" \"baz\" \"plain\" \"Foo*\" \"us-ascii'en'This%20is%20more end\") NIL NIL NIL)",
     "((\"TEXT\" \"Plain\" (\"CharSet\" \"UTF-8\") \"<id@x>\" \"desc here\" \"QUOTED-Printable\" 12 1)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 197 (\"Mon, 1 Jan 2001 00:00:00 +0000\" \"inner\" ((\"Joe Q\" NIL \"joe\" \"x.org\")(NIL NIL \"grp\" NIL)(NIL NIL \"a\" \"b\")(\"c d\" NIL \"c\" \"d\")(NIL NIL NIL NIL)(NIL NIL \"bad\" \"MISSING_DOMAIN\")) ((\"Joe Q\" NIL \"joe\" \"x.org\")(NIL NIL \"grp\" NIL)(NIL NIL \"a\" \"b\")(\"c d\" NIL \"c\" \"d\")(NIL NIL NIL NIL)(NIL NIL \"bad\" \"MISSING_DOMAIN\")) ((\"Joe Q\" NIL \"joe\" \"x.org\")(NIL NIL \"grp\" NIL)(NIL NIL \"a\" \"b\")(\"c d\" NIL \"c\" \"d\")(NIL NIL NIL NIL)(NIL NIL \"bad\" \"MISSING_DOMAIN\")) NIL NIL NIL \"<r@x>  (comment)\" \"<m@x>\") (\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 8 0) 7)(\"application\" \"octet-stream\" NIL NIL NIL \"7bit\" 6) \"Mixed\")"},
    {"raw header values: folding, quoting, routes, comments as names, groups, 8-bit description",
     "Date:   Mon, 1 Jan\n 2001 00:00:00 +0000  \nSubject: q\"uo\\\\te\n\x09""folded  \nFrom: =?utf-8?q?J=C3=B6?= <j@x>, (c) Al (cm) <@r1,@r2:al@y.z>\nSender:\nReply-To: \"\" <>\nTo: undisclosed-recipients:;\nCc: \"a\\\\\\\"b\" (x) <a@b>, joe@ex.com (Joe Cool), <x@y>, a.b.c@[1.2.3.4], \"q@q\"@d, x@\nBcc: grp: ;, g2: a@b\nMessage-ID:\n <id@x>\nIn-Reply-To: \nContent-Type: text/plain; format=flowed\nContent-Language: en\nContent-ID:  <a b> (x)\nContent-Description: caf\xc3""\xa9"" \n\nx\n",
     "(\"Mon, 1 Jan 2001 00:00:00 +0000  \" {15}\r\nq\"uo\\\\te folded ((\"=?utf-8?q?J=C3=B6?=\" NIL \"j\" \"x\")(\"Al\" \"@r1,@r2\" \"al\" \"y.z\")) ((\"=?utf-8?q?J=C3=B6?=\" NIL \"j\" \"x\")(\"Al\" \"@r1,@r2\" \"al\" \"y.z\")) ((NIL NIL \"MISSING_MAILBOX\" \"MISSING_DOMAIN\")) ((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) (({4}\r\na\\\"b NIL \"a\" \"b\")(\"Joe Cool\" NIL \"joe\" \"ex.com\")(NIL NIL \"x\" \"y\")(NIL NIL \"a.b.c\" \"[1.2.3.4]\")(NIL NIL \"q@q\" \"d\")(NIL NIL \"x\" \"MISSING_DOMAIN\")) ((NIL NIL \"grp\" NIL)(NIL NIL NIL NIL)(NIL NIL \"g2\" NIL)(NIL NIL \"a\" \"b\")(NIL NIL NIL NIL)) \"\" \" <id@x>\")",
     "(\"text\" \"plain\" (\"format\" \"flowed\" \"charset\" \"us-ascii\") \"<a b> (x)\" {6}\r\ncaf\xc3""\xa9""  \"7bit\" 3 1 NIL NIL (\"en\") NIL)",
     "(\"text\" \"plain\" (\"format\" \"flowed\" \"charset\" \"us-ascii\") \"<a b> (x)\" {6}\r\ncaf\xc3""\xa9""  \"7bit\" 3 1)"},
    {"display names and subject cleaned for people (literal when changed), escapes, 8-bit parameter values",
     "Date: \"x\\\\y\"\nSubject:  a  b\x09""\x09""c   \nFrom: \"  a   b  \" <a@b>, c\xc3""\xa9""@d\nTo: \"a\x09""b\" <x@y>\nMessage-ID: <\"q\"@x>\nIn-Reply-To: <a\x09""b>  \nContent-Type: text/plain; name=\"a\\\\b\"; n2=\"\xc3""\xa9""\"; n3=\"\"\nContent-Description: \"q\"\n\nx\n",
     "(\"\\\"x\\\\\\\\y\\\"\" {5}\r\na b c (({3}\r\na b NIL \"a\" \"b\")(NIL NIL {3}\r\nc\xc3""\xa9"" \"d\")) (({3}\r\na b NIL \"a\" \"b\")(NIL NIL {3}\r\nc\xc3""\xa9"" \"d\")) (({3}\r\na b NIL \"a\" \"b\")(NIL NIL {3}\r\nc\xc3""\xa9"" \"d\")) (({3}\r\na b NIL \"x\" \"y\")) NIL NIL \"<a\x09""b>  \" \"<\\\"q\\\"@x>\")",
     "(\"text\" \"plain\" (\"name\" \"a\\\\b\" \"n2\" {2}\r\n\xc3""\xa9"" \"n3\" \"\" \"charset\" \"us-ascii\") NIL \"\\\"q\\\"\" \"7bit\" 3 1 NIL NIL NIL NIL)",
     "(\"text\" \"plain\" (\"name\" \"a\\\\b\" \"n2\" {2}\r\n\xc3""\xa9"" \"n3\" \"\" \"charset\" \"us-ascii\") NIL \"\\\"q\\\"\" \"7bit\" 3 1)"},
    {"repeated fields: last Date/Subject/Message-ID, address fields joined, a list cut at a syntax error",
     "Subject: one\nSubject: two\nMessage-ID: <1@x>\nMessage-ID: <2@x>\nFrom: a@b\nFrom: c@d\nSender: s@x\nDate: d1\nDate: d2\nIn-Reply-To: <i1>\nIn-Reply-To: <i2>\nTo: a b@c, <x y@z>, foo bar, <a@b c>\n\n",
     "(\"d2\" \"two\" ((NIL NIL \"a\" \"b\")(NIL NIL \"c\" \"d\")) ((NIL NIL \"s\" \"x\")) ((NIL NIL \"a\" \"b\")(NIL NIL \"c\" \"d\")) ((\"a b\" NIL \"MISSING_MAILBOX\" \"MISSING_DOMAIN\")) NIL NIL \"<i2>\" \"<2@x>\")",
     "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)",
     "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)"},
    {"multipart/digest: message/rfc822 parts by default, prefix boundaries, a header ending at a boundary",
     "From: a@b\nContent-Type: multipart/digest; boundary=XX\n\n--XX\n\nFrom: c@d\n\nabc\n--XXyz\nContent-Type: text/plain\n\nq\n--XX \nContent-Type: text/plain\n--XX\n",
     "(NIL NIL ((NIL NIL \"a\" \"b\")) ((NIL NIL \"a\" \"b\")) ((NIL NIL \"a\" \"b\")) NIL NIL NIL NIL NIL)",
     "((\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 16 (NIL NIL ((NIL NIL \"c\" \"d\")) ((NIL NIL \"c\" \"d\")) ((NIL NIL \"c\" \"d\")) NIL NIL NIL NIL NIL) (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 3 0 NIL NIL NIL NIL) 2 NIL NIL NIL NIL)(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 1 0 NIL NIL NIL NIL)(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 0 (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL) 0 NIL NIL NIL NIL) \"digest\" (\"boundary\" \"XX\") NIL NIL NIL)",
     "((\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 16 (NIL NIL ((NIL NIL \"c\" \"d\")) ((NIL NIL \"c\" \"d\")) ((NIL NIL \"c\" \"d\")) NIL NIL NIL NIL NIL) (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 3 0) 2)(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 1 0)(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 0 (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0) 0) \"digest\")"},
    {"a multipart without boundary shows one empty text/plain part",
     "From: a@b\nContent-Type: multipart/mixed\n\n--XX\n\nabc\n--XX--\n",
     "(NIL NIL ((NIL NIL \"a\" \"b\")) ((NIL NIL \"a\" \"b\")) ((NIL NIL \"a\" \"b\")) NIL NIL NIL NIL NIL)",
     "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL) \"mixed\" NIL NIL NIL NIL)",
     "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0) \"mixed\")"},
};

}  // namespace

TEST_CASE("body structure: ENVELOPE, BODYSTRUCTURE and BODY as Dovecot sends them", "[imap][bodystructure]") {
    for (const Case& c : kCases) {
        INFO(c.what);
        std::string message = mail::to_crlf(c.message);
        mail::MimePart root = mail::parse_mime(message);
        CHECK(imap::proto::envelope(root.header(message)) == c.envelope);
        CHECK(imap::proto::body_structure(message, root, true) == c.body_structure);
        CHECK(imap::proto::body_structure(message, root, false) == c.body);
    }
}

TEST_CASE("body structure: a plain 7-bit US-ASCII message is shown in the default spelling", "[imap][bodystructure]") {
    // Dovecot keeps a flag for such messages and answers RFC 2045 §5.2's default, however the
    // fields were written; a non-MIME message's Content-Transfer-Encoding is ignored.
    const char* expected = "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 5 1 NIL NIL NIL NIL)";
    for (const char* header : {"Content-Type: TEXT/PLAIN; charset=US-ASCII\nMIME-Version: 1.0\n",
                               "Content-Type: Text/Plain\nContent-Transfer-Encoding: 7BIT\n",
                               "Content-Transfer-Encoding: 8BIT\n", ""}) {
        INFO(header);
        std::string message = mail::to_crlf(std::string("From: a@b\n") + header + "\nabc\n");
        CHECK(imap::proto::body_structure(message, mail::parse_mime(message), true) == expected);
    }
    // Anything else is shown as written.
    std::string eight_bit = mail::to_crlf("MIME-Version: 1.0\nContent-Transfer-Encoding: 8BIT\n\nabc\n");
    CHECK(imap::proto::body_structure(eight_bit, mail::parse_mime(eight_bit), false) ==
          "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"8BIT\" 5 1)");
    std::string broken = mail::to_crlf("Content-Type: TEXT/PLAIN charset=US-ASCII\n\nabc\n");
    CHECK(imap::proto::body_structure(broken, mail::parse_mime(broken), false) == "(\"\" \"\" NIL NIL NIL \"7bit\" 5)");
}

TEST_CASE("body structure: an empty message and one that is only an empty line", "[imap][bodystructure]") {
    // Dovecot's answers for Maildir files of 0 octets and of CRLF.
    for (std::string message : {std::string(), std::string("\r\n")}) {
        mail::MimePart root = mail::parse_mime(message);
        CHECK(imap::proto::envelope(root.header(message)) == "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)");
        CHECK(imap::proto::body_structure(message, root, false) ==
              "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)");
    }
}

TEST_CASE("body structure: parameters Dovecot keeps and drops; an empty boundary", "[imap][bodystructure]") {
    std::string odd = mail::to_crlf("Content-Type: text/plain; =x; a=; b=\"c\n\nx\n");
    CHECK(imap::proto::body_structure(odd, mail::parse_mime(odd), false) ==
          "(\"text\" \"plain\" (\"\" \"x\" \"a\" \"\" \"charset\" \"us-ascii\") NIL NIL \"7bit\" 3 1)");
    std::string empty_boundary = mail::to_crlf("Content-Type: multipart/mixed; boundary=\"\"\n\n--\n\nx\n");
    CHECK(imap::proto::body_structure(empty_boundary, mail::parse_mime(empty_boundary), false) ==
          "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 3 1) \"mixed\")");
}
