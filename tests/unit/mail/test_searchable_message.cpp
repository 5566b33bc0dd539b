// SearchableMessage (src/mail/searchable_message): what SEARCH's header, BODY, TEXT and SENT*
// keys see of a message (RFC 3501 §6.4.4), matching Dovecot 2.3's answers on the corpus.
#include <catch2/catch.hpp>

#include "mail/casefold.hpp"
#include "mail/searchable_message.hpp"

using namespace roost::mail;

namespace {

const std::string kMultipart =
    "From: =?utf-8?q?J=C3=B6rg_=C3=9Cnal?= <jorg@example.org>\r\n"
    "To: \"Recipient 1\" <r1@example.net>,\r\n \"Recipient 2\" <r2@example.net>\r\n"
    "Cc: user3@d3.example.com (Person 1), plain@example.com\r\n"
    "Subject: =?utf-8?b?R3LDvMOfZSBhdXMgTcO8bmNoZW4=?=\r\n"
    "Date: Fri, 20 Apr 2001 20:18:00 -0400 (EDT)\r\n"
    "X-Empty:\r\n"
    "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
    "\r\n"
    "preamble words\r\n"
    "--b1\r\n"
    "Content-Type: text/plain; charset=iso-8859-1\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    "Sch=F6ne Gr=FC=DFe aus der Abteilung Zust=E4n=\r\n"
    "digkeiten\r\n"
    "--b1\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "PGI+S2FsaW3DqXJhPC9iPg==\r\n"
    "--b1\r\n"
    "Content-Type: image/png\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "Content-Disposition: attachment; filename=\"chart.png\"\r\n"
    "\r\n"
    "iVBORw0KGgoAAAANSUhEUgAA\r\n"
    "--b1\r\n"
    "Content-Type: message/rfc822\r\n"
    "\r\n"
    "Subject: inner subject\r\n"
    "\r\n"
    "inner body text\r\n"
    "--b1--\r\n"
    "epilogue words\r\n";

bool header(SearchableMessage& m, const char* name, const std::string& needle, bool address = false) {
    return m.header_contains(name, casefold(needle), address);
}

}  // namespace

TEST_CASE("searchable: header fields are unfolded, decoded and case-insensitive", "[mail][search]") {
    SearchableMessage m(kMultipart);
    CHECK(header(m, "subject", "gr\xC3\xBC\xC3\x9F" "e aus m\xC3\xBCnchen"));
    CHECK_FALSE(header(m, "Subject", "=?utf-8?"));
    // Folding removes the CRLF only.
    CHECK(header(m, "TO", "net>, \"recipient 2"));
    CHECK_FALSE(header(m, "To", "net>,  \"recipient 2"));
    // HEADER with an empty string: the field exists (even with an empty value).
    CHECK(header(m, "X-Empty", ""));
    CHECK_FALSE(header(m, "X-Missing", ""));
    // Only the message's own header: not a part's, not an attached message's.
    CHECK_FALSE(header(m, "Content-Disposition", ""));
    CHECK_FALSE(header(m, "Subject", "inner"));
}

TEST_CASE("searchable: FROM/TO/CC match the re-written address list", "[mail][search]") {
    SearchableMessage m(kMultipart);
    CHECK(header(m, "From", "j\xC3\xB6rg \xC3\xBCnal <jorg@", true));
    CHECK(header(m, "Cc", "\"person 1\" <user3@d3.example.com>, <plain@example.com>", true));
    CHECK_FALSE(header(m, "Cc", "(person 1)", true));
    CHECK(header(m, "Cc", "(person 1)", false));  // HEADER CC sees the field as written
    CHECK(search_address_text("List Robot <robot@example.com>") == "\"List Robot\" <robot@example.com>");
    CHECK(search_address_text("Zo\xC3\xAB <z@example.net>") == "Zo\xC3\xAB <z@example.net>");
    CHECK(search_address_text("Zo\xC3\xAB \xC3\x85lander <z@example.net>") == "\"Zo\xC3\xAB \xC3\x85lander\" <z@example.net>");
    CHECK(search_address_text("=?utf-8?q?Zo=C3=AB?= <z@example.net>") == "Zo\xC3\xAB <z@example.net>");
    CHECK(search_address_text("baz") == "<baz@MISSING_DOMAIN>");
    CHECK(search_address_text("a@b, c@d") == "<a@b>, <c@d>");
    CHECK(search_address_text("user@example.net ()") == "<user@example.net>");
    CHECK(search_address_text("<\"Books@Books\"@example.com>") == "<\"Books@Books\"@example.com>");
}

TEST_CASE("searchable: BODY decodes text parts and skips binary ones, preamble and epilogue", "[mail][search]") {
    SearchableMessage m(kMultipart);
    CHECK(m.body_contains(casefold("sch\xC3\xB6ne gr\xC3\xBC\xC3\x9F" "e")));  // QP + ISO-8859-1
    CHECK(m.body_contains(casefold("Zust\xC3\xA4ndigkeiten")));             // across a soft break
    CHECK(m.body_contains(casefold("<b>KALIM\xC3\x89RA</b>")));             // base64 HTML, as is
    CHECK(m.body_contains(casefold("inner body")));                         // attached message's body
    CHECK_FALSE(m.body_contains(casefold("PNG")));                          // image not searched
    CHECK_FALSE(m.body_contains(casefold("iVBORw0KGgo")));
    CHECK_FALSE(m.body_contains(casefold("preamble")));
    CHECK_FALSE(m.body_contains(casefold("epilogue")));
    CHECK_FALSE(m.body_contains(casefold("chart.png")));  // part headers are not body
    CHECK_FALSE(m.body_contains(casefold("Subject:")));
}

TEST_CASE("searchable: TEXT adds every header, part headers and attached messages' included", "[mail][search]") {
    SearchableMessage m(kMultipart);
    CHECK(m.text_contains(casefold("chart.png")));
    CHECK(m.text_contains(casefold("subject: inner subject")));
    CHECK(m.text_contains(casefold("subject: gr\xC3\xBC\xC3\x9F" "e")));
    CHECK(m.text_contains(casefold("inner body")));
    CHECK_FALSE(m.text_contains(casefold("preamble")));
    CHECK_FALSE(m.text_contains(casefold("IHDR")));  // the image's content
}

TEST_CASE("searchable: a single-part message, no Content-Type", "[mail][search]") {
    SearchableMessage m("Subject: x\r\n\r\nCaf\xC3\xA9 au lait\r\n");
    CHECK(m.body_contains(casefold("CAF\xC3\x89")));
    // é is E + U+0301 once folded: "cafe" is a prefix of it, "cafe au" is not.
    CHECK(m.body_contains(casefold("cafe")));
    CHECK_FALSE(m.body_contains(casefold("cafe au")));
}

TEST_CASE("searchable: a Content-Type without a subtype is not text (as Dovecot)", "[mail][search]") {
    SearchableMessage m("Content-Type: text; charset=us-ascii\r\n\r\nno subtype here\r\n");
    CHECK_FALSE(m.body_contains(casefold("subtype")));
    CHECK(m.text_contains(casefold("charset")));
}

TEST_CASE("searchable: the sent date is the Date: field's own date (RFC 3501 §6.4.4)", "[mail][search]") {
    SearchableMessage m(kMultipart);
    CHECK(m.sent_day() == 11432);  // 2001-04-20, although it is 2001-04-21 in UTC
    CHECK(parse_rfc5322_day("Fri, 4 May 2001 14:05:44 -0400") == 11446);
    CHECK(parse_rfc5322_day("Mon, 28 Jul 1980 14:01:35") == 3861);        // no zone
    CHECK(parse_rfc5322_day("Fri, 02 Aug 2002 23:37:59 0530") == 11901);  // broken zone
    CHECK(parse_rfc5322_day("2 Aug 02 23:37 +0000") == 11901);           // two-digit year, no seconds
    CHECK(parse_rfc5322_day("2 Aug 102 23:37 +0000") == 11901);          // three-digit year
    // No space after the day name's comma: Dovecot reads it (corpus spam-2 messages).
    CHECK(parse_rfc5322_day("Wed,29 May 2002 17:51:47 +0800") == 11836);
    // Dovecot reads a one-digit hour, but one-digit minutes or seconds make the date unreadable.
    CHECK(parse_rfc5322_day("Thu, 8 Aug 2002 1:49:44 +0300") == 11907);
    CHECK(parse_rfc5322_day("31 May 02 1:28:53 PM") == 11838);
    CHECK(parse_rfc5322_day("Mon, 27 May 2002 10:28:3 +0200") == std::nullopt);
    CHECK(parse_rfc5322_day("Sat, 8 Jun 2002 1:5:13 +-0500") == std::nullopt);
    CHECK(parse_rfc5322_day("31 Feb 2001 10:00:00 +0000") == std::nullopt);
    CHECK(parse_rfc5322_day("yesterday") == std::nullopt);
    CHECK(parse_rfc5322_day("Thu, 22 Aug 0102 12:07:35 +0800") == std::nullopt);  // year 102: as Dovecot
    CHECK(parse_rfc5322_day("1 Jan 69 00:00 +0000") == std::nullopt);            // 1969
    // No Date: field, or an unreadable one: 1970-01-01, as Dovecot.
    SearchableMessage no_date("Subject: x\r\n\r\nbody\r\n");
    CHECK(no_date.sent_day() == 0);
}
