// Decoders SEARCH relies on (src/mail/transfer_encoding, charset, encoded_words, casefold):
// RFC 2045 §6.7/§6.8 transfer encodings, RFC 2047 encoded words, iconv conversion, and the
// i;unicode-casemap folding as Dovecot 2.3 applies it (each case checked against Dovecot).
#include <catch2/catch.hpp>

#include "mail/casefold.hpp"
#include "mail/charset.hpp"
#include "mail/encoded_words.hpp"
#include "mail/transfer_encoding.hpp"

using namespace roost::mail;

TEST_CASE("decoders: base64 ignores line breaks and junk, stops at padding (RFC 2045 §6.8)", "[mail][search]") {
    CHECK(decode_base64("SGVsbG8gd29ybGQ=") == "Hello world");
    CHECK(decode_base64("SGVs\r\nbG8g\r\nd29y\r\nbGQ=\r\n") == "Hello world");
    CHECK(decode_base64("SGVsbG8*gd29ybGQ") == "Hello world");  // '*' is not in the alphabet
    CHECK(decode_base64("SGk=SGk=") == "Hi");                   // nothing after the padding
    CHECK(decode_base64("SGkh") == "Hi!");
    CHECK(decode_base64("S") == "");  // one sextet carries no octet
    CHECK(decode_base64("") == "");
}

TEST_CASE("decoders: quoted-printable escapes, soft breaks, transport padding (RFC 2045 §6.7)", "[mail][search]") {
    CHECK(decode_quoted_printable("Gr=C3=BC=C3=9Fe") == "Gr\xC3\xBC\xC3\x9F" "e");
    CHECK(decode_quoted_printable("lower =c3=bc hex") == "lower \xC3\xBC hex");
    // Rule 5: "=" at the end of a line joins it to the next.
    CHECK(decode_quoted_printable("Abschnitte =C3=BCb=\r\ner Zust\r\n") == "Abschnitte \xC3\xBC" "ber Zust\r\n");
    CHECK(decode_quoted_printable("soft=\nbreak with LF\n") == "softbreak with LF\r\n");
    // Rule 3: trailing whitespace is removed, also before a soft break.
    CHECK(decode_quoted_printable("padded   \r\nnext") == "padded\r\nnext");
    CHECK(decode_quoted_printable("a =  \r\nb") == "a b");
    // A broken escape stays as written.
    CHECK(decode_quoted_printable("100=% and =Z1 and =4") == "100=% and =Z1 and =4");
    CHECK(decode_quoted_printable("no newline at end") == "no newline at end");
}

TEST_CASE("decoders: RFC 2047 Q encoding has _ for space", "[mail][search]") {
    CHECK(decode_q_encoding("J=C3=B6rg_=C3=9Cnal") == "J\xC3\xB6rg \xC3\x9Cnal");
    CHECK(decode_q_encoding("a=5Fb_c=") == "a_b c=");
}

TEST_CASE("decoders: charset conversion through iconv, unknown charsets refused", "[mail][search]") {
    CHECK(charset_to_utf8("J\xF6rg", "ISO-8859-1") == std::optional<std::string>("J\xC3\xB6rg"));
    CHECK(charset_to_utf8("\xF0\xD2\xC9\xD7\xC5\xD4", "KOI8-R") ==
          std::optional<std::string>("\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82"));  // Привет
    CHECK(charset_to_utf8("caf\xE9", "windows-1252") == std::optional<std::string>("caf\xC3\xA9"));
    CHECK(charset_to_utf8("x", "X-NO-SUCH-CHARSET") == std::nullopt);
    CHECK(charset_to_utf8("x", "") == std::nullopt);
    CHECK_FALSE(charset_known("X-NO-SUCH-CHARSET"));
    CHECK(charset_known("utf-8"));
    CHECK(charset_known("iso-8859-15"));
    // Octets the charset does not have become U+FFFD, and the rest still converts.
    CHECK(charset_to_utf8("a\x80" "b", "ISO-2022-JP") == std::optional<std::string>("a\xEF\xBF\xBD" "b"));
    // "us-ascii" text with 8-bit octets reads as UTF-8, as Dovecot reads it.
    CHECK(charset_to_utf8("J\xC3\xB6rg", "us-ascii") == std::optional<std::string>("J\xC3\xB6rg"));
}

TEST_CASE("decoders: invalid UTF-8 runs become one U+FFFD (RFC 3629 §3)", "[mail][search]") {
    CHECK(valid_utf8("ok \xC3\xA9") == "ok \xC3\xA9");
    CHECK(valid_utf8("a\xFF\xFE" "b") == "a\xEF\xBF\xBD" "b");
    CHECK(valid_utf8("\xC0\xAF") == "\xEF\xBF\xBD");          // overlong
    CHECK(valid_utf8("\xED\xA0\x80x") == "\xEF\xBF\xBDx");    // surrogate
    CHECK(valid_utf8("cut \xE2\x82") == "cut \xEF\xBF\xBD");  // truncated
}

TEST_CASE("decoders: RFC 2047 encoded words, adjacent ones joined (§6.2)", "[mail][search]") {
    CHECK(decode_encoded_words("=?utf-8?q?J=C3=B6rg_=C3=9Cnal?= <j@example.org>") == "J\xC3\xB6rg \xC3\x9Cnal <j@example.org>");
    CHECK(decode_encoded_words("=?UTF-8?B?R3LDvMOfZQ==?=") == "Gr\xC3\xBC\xC3\x9F" "e");
    // Whitespace between two encoded words goes (also across a fold); elsewhere it stays.
    CHECK(decode_encoded_words("=?utf-8?q?am_=C3=9C?= \r\n =?utf-8?q?bergabe?=") == "am \xC3\x9C" "bergabe");
    CHECK(decode_encoded_words("Original: =?utf-8?q?=C3=85ngstr=C3=B6m?= measurements") ==
          "Original: \xC3\x85ngstr\xC3\xB6m measurements");
    CHECK(decode_encoded_words("=?iso-8859-1?q?J=F6rg?=") == "J\xC3\xB6rg");
    CHECK(decode_encoded_words("=?iso-8859-1*de?Q?J=F6rg?=") == "J\xC3\xB6rg");  // RFC 2231 §5 language
    // An unknown charset keeps the decoded octets; malformed words stay as written.
    CHECK(decode_encoded_words("=?x-unknown?q?abc?=") == "abc");
    CHECK(decode_encoded_words("=?utf-8?x?abc?=") == "=?utf-8?x?abc?=");
    CHECK(decode_encoded_words("=?utf-8?q?no end") == "=?utf-8?q?no end");
    CHECK(decode_encoded_words("a =?utf-8?q?has space?= b") == "a =?utf-8?q?has space?= b");
    // Raw 8-bit header text (RFC 6532) is UTF-8.
    CHECK(decode_encoded_words("Zo\xC3\xAB \xFF") == "Zo\xC3\xAB \xEF\xBF\xBD");
}

TEST_CASE("casefold: titlecase, then one decomposition, as Dovecot's i;unicode-casemap", "[mail][search]") {
    CHECK(casefold("Hello, World 42") == "HELLO, WORLD 42");
    // é and É and e + U+0301 match each other; é does not match e.
    CHECK(casefold("\xC3\xA9") == casefold("\xC3\x89"));
    CHECK(casefold("\xC3\xA9") == casefold("e\xCC\x81"));
    CHECK(casefold("\xC3\xA9") != casefold("e"));
    // Greek sigma in all three forms; Greek with tonos keeps its accent.
    CHECK(casefold("\xCF\x83") == casefold("\xCF\x82"));
    CHECK(casefold("\xCF\x83") == casefold("\xCE\xA3"));
    CHECK(casefold("\xCE\xBA\xCE\xB1\xCE\xBB\xCE\xB7\xCE\xBC\xCE\xAD\xCF\x81\xCE\xB1") ==
          casefold("\xCE\x9A\xCE\x91\xCE\x9B\xCE\x97\xCE\x9C\xCE\x88\xCE\xA1\xCE\x91"));  // καλημέρα / ΚΑΛΗΜΈΡΑ
    // ß is not "ss" (no simple titlecase), ẞ is not ß.
    CHECK(casefold("\xC3\x9F") != casefold("ss"));
    CHECK(casefold("\xE1\xBA\x9E") != casefold("\xC3\x9F"));
    // Turkish dotless ı titlecases to I; İ stays itself.
    CHECK(casefold("\xC4\xB1") == casefold("i"));
    CHECK(casefold("\xC4\xB0") != casefold("i"));
    // Cyrillic: Ё decomposes to Е + U+0308, so "отчёт" does not match "отчет".
    CHECK(casefold("\xD0\xBE\xD1\x82\xD1\x87\xD1\x91\xD1\x82") == casefold("\xD0\x9E\xD0\xA2\xD0\xA7\xD0\x81\xD0\xA2"));
    CHECK(casefold("\xD0\xBE\xD1\x82\xD1\x87\xD1\x91\xD1\x82") != casefold("\xD0\xBE\xD1\x82\xD1\x87\xD0\xB5\xD1\x82"));
    // Compatibility forms: full-width, circled, superscript, no-break space, long s, Kelvin.
    CHECK(casefold("\xEF\xBC\xB7") == casefold("w"));
    CHECK(casefold("\xE2\x91\xA0") == "1");
    CHECK(casefold("\xC2\xB2") == "2");
    CHECK(casefold("\xC2\xA0") == " ");
    CHECK(casefold("\xC5\xBF") == "S");
    CHECK(casefold("\xE2\x84\xAA") == "K");
    CHECK(casefold("\xC2\xBC") == casefold("1\xE2\x81\x84" "4"));  // ¼ and 1⁄4
    // Not decomposed again: "ﬁ" becomes "fi" in lower case, which "fi" (folded "FI") is not.
    CHECK(casefold("\xEF\xAC\x81") != casefold("fi"));
    // Hangul syllables decompose into jamo.
    CHECK(casefold("\xED\x95\x9C") == "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB");
    // Invalid UTF-8 does not break folding.
    CHECK(casefold("a\xFF" "b") == "A\xEF\xBF\xBD" "B");
}
