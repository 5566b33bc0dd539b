"""Self-test of the conformance suite's own tools, without servers: the response parser and
literal encoder (imap_wire.py) and the difference rules (rules.py). A bug here would make the
suite pass or fail for the wrong reason."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import imap_wire as wire  # noqa: E402
import rules  # noqa: E402


def normal(*lines, tagged=b"A1 OK done"):
    untagged = [wire.parse_response(line) for line in lines]
    return rules.normalize(wire.Result(b"X", untagged, wire.parse_response(tagged)), rules.Context())


class ParserTest(unittest.TestCase):
    def test_quoted_and_literal_strings_are_the_same_value(self):
        # RFC 3501 §4.3: the two forms of a string.
        quoted = normal(b'* 1 FETCH (BODY[] "a\\"b")\r\n')
        literal = normal(b'* 1 FETCH (BODY[] {3}\r\na"b)\r\n')
        self.assertEqual(quoted.fetch, literal.fetch)

    def test_nil_atom_and_string_stay_apart(self):
        values = [normal(b'* 1 FETCH (X %s)\r\n' % v).fetch[1]["X"] for v in (b"NIL", b'"NIL"', b"ABC")]
        self.assertIsNone(values[0])
        self.assertEqual(values[1], ("S", b"NIL"))
        self.assertEqual(values[2], ("A", b"ABC"))

    def test_section_names_with_spaces_and_partial_origin(self):
        n = normal(b'* 2 FETCH (UID 7 BODY[HEADER.FIELDS (SUBJECT FROM)]<0> {2}\r\nab)\r\n')
        self.assertEqual(set(n.fetch[2]), {"UID", "BODY[HEADER.FIELDS (SUBJECT FROM)]<0>"})

    def test_nested_lists(self):
        n = normal(b'* 1 FETCH (BODY (("text" "plain" NIL NIL NIL "7bit" 1 1) "mixed"))\r\n')
        self.assertEqual(rules.show(n.fetch[1]["BODY"]), '(("text" "plain" NIL NIL NIL "7bit" 1 1) "mixed")')

    def test_status_code_and_text(self):
        resp = wire.parse_response(b"* OK [PERMANENTFLAGS (\\Seen \\*)] Limited\r\n")
        self.assertEqual(resp.kind, "OK")
        self.assertEqual(rules.show(rules.canonical(resp.code)), "(PERMANENTFLAGS (\\Seen \\*))")
        self.assertEqual(resp.text, b"Limited")

    def test_8bit_quoted_strings_become_literals(self):
        self.assertEqual(wire.with_literals('SEARCH SUBJECT "abc"'), b'SEARCH SUBJECT "abc"')
        segments = wire.with_literals('SEARCH CHARSET UTF-8 SUBJECT "Grüße" FROM "x"')
        self.assertEqual(segments, [b"SEARCH CHARSET UTF-8 SUBJECT {7}", "Grüße".encode() + b' FROM "x"'])


class RulesTest(unittest.TestCase):
    def test_text_is_ignored_but_status_and_code_are_not(self):
        self.assertEqual(normal(tagged=b"A1 OK [READ-WRITE] Select done.").tagged,
                         normal(tagged=b"A1 OK [READ-WRITE] fine").tagged)
        self.assertNotEqual(normal(tagged=b"A1 OK [READ-WRITE] x").tagged,
                            normal(tagged=b"A1 OK [READ-ONLY] x").tagged)
        self.assertNotEqual(normal(tagged=b"A1 OK x").tagged, normal(tagged=b"A1 NO x").tagged)

    def test_uidvalidity_value_ignored_uidnext_not(self):
        self.assertEqual(normal(b"* OK [UIDVALIDITY 1] x\r\n").other, normal(b"* OK [UIDVALIDITY 2] y\r\n").other)
        self.assertNotEqual(normal(b"* OK [UIDNEXT 1] x\r\n").other, normal(b"* OK [UIDNEXT 2] x\r\n").other)

    def test_flag_and_untagged_order_ignored_but_not_flags(self):
        a = normal(b"* FLAGS (\\Seen \\Draft)\r\n", b"* 3 EXISTS\r\n")
        b = normal(b"* 3 EXISTS\r\n", b"* FLAGS (\\Draft \\Seen)\r\n")
        c = normal(b"* 3 EXISTS\r\n", b"* FLAGS (\\Draft)\r\n")
        self.assertEqual(a.other, b.other)
        self.assertNotEqual(a.other, c.other)

    def test_expunge_order_matters(self):
        self.assertNotEqual(normal(b"* 3 EXPUNGE\r\n", b"* 2 EXPUNGE\r\n").expunge,
                            normal(b"* 2 EXPUNGE\r\n", b"* 3 EXPUNGE\r\n").expunge)

    def test_extension_codes_dropped_only_when_roost_lacks_the_extension(self):
        line = b"A1 OK [COPYUID 5 1 1] done"
        result = wire.Result(b"X", [], wire.parse_response(line))
        self.assertEqual(rules.normalize(result, rules.Context()).tagged, ("OK", None))
        with_uidplus = rules.normalize(result, rules.Context(frozenset({b"UIDPLUS"})))
        self.assertIsNotNone(with_uidplus.tagged[1])

    def test_invalid_mutf7_detection(self):
        for name in (b"&Jjo", b"bad&-name&", b"&AGE-", b"&Jjo!-", b"&AOk-&AOk-"):
            self.assertTrue(rules._invalid_mutf7(name), name)
        for name in (b"Entw&APw-rfe", b"&-", b"plain", b"&2D3eAA-", b"&-&AOk-"):
            self.assertFalse(rules._invalid_mutf7(name), name)

    def test_every_rule_is_documented(self):
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "DIFFERENCES.md")) as f:
            text = f.read()
        for rule in rules.RULES:
            self.assertIn(f"`{rule}`", text)


if __name__ == "__main__":
    unittest.main(verbosity=2)
