// The IMAP receiver (src/imap/proto/receiver.hpp): framing of lines and literals (RFC 3501
// §4.3, RFC 7888 LITERAL+), tokens (§9), limits and recovery. Every input is fed whole, byte
// by byte and split at every offset, and must produce the same events: clients and TCP split
// commands anywhere.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "imap/proto/receiver.hpp"

using namespace roost::imap::proto;

namespace {

std::string dump(const Token& token) {
    std::string out;
    switch (token.kind) {
        case Token::Kind::Atom: return "A(" + token.text + ")";
        case Token::Kind::Quoted: return "Q(" + token.text + ")";
        case Token::Kind::Literal: return "L(" + token.text + ")";
        case Token::Kind::List:
            out = "(";
            for (size_t i = 0; i < token.children.size(); ++i) out += (i ? " " : "") + dump(token.children[i]);
            return out + ")";
        case Token::Kind::Section:
            out = "S(" + token.text + ")[";
            for (size_t i = 0; i < token.children.size(); ++i) out += (i ? " " : "") + dump(token.children[i]);
            out += "]";
            if (token.partial) out += "<" + *token.partial + ">";
            return out;
    }
    return out;
}

std::string describe(const Event& event) {
    if (auto* request = std::get_if<Request>(&event)) {
        std::string out = "REQ " + request->tag + " " + request->command;
        for (const auto& arg : request->args) out += " " + dump(arg);
        return out;
    }
    if (auto* literal = std::get_if<NeedLiteral>(&event))
        return "LIT " + std::to_string(literal->size) + (literal->synchronising ? " sync" : " nonsync");
    if (auto* error = std::get_if<ParseError>(&event))
        return "ERR [" + error->tag + "] " + error->text + (error->close_connection ? " +CLOSE" : "");
    return "MORE";
}

std::vector<std::string> run(const std::vector<std::string>& chunks, ReceiverLimits limits) {
    Receiver receiver(limits);
    std::vector<std::string> events;
    for (const auto& chunk : chunks) {
        receiver.feed(chunk);
        for (;;) {
            Event event = receiver.next();
            if (std::holds_alternative<NeedMore>(event)) break;
            events.push_back(describe(event));
        }
    }
    return events;
}

// Whole, byte by byte, and every two-way split give `expected`.
void check_all_splits(const std::string& input, const std::vector<std::string>& expected, ReceiverLimits limits = {}) {
    INFO("input: " << input);
    CHECK(run({input}, limits) == expected);
    std::vector<std::string> bytes;
    for (char c : input) bytes.emplace_back(1, c);
    CHECK(run(bytes, limits) == expected);
    for (size_t at = 1; at < input.size(); ++at) {
        INFO("split at " << at);
        REQUIRE(run({input.substr(0, at), input.substr(at)}, limits) == expected);
    }
}

}  // namespace

TEST_CASE("receiver: simple commands, upper-cased names, UID forms (RFC 3501 §6.4.8)", "[imap][receiver]") {
    check_all_splits("a1 noop\r\n", {"REQ a1 NOOP"});
    check_all_splits("a2 CAPABILITY\r\na3 LOGOUT\r\n", {"REQ a2 CAPABILITY", "REQ a3 LOGOUT"});
    check_all_splits("a4 uid fetch 1:* (FLAGS)\r\n", {"REQ a4 UID FETCH A(1:*) (A(FLAGS))"});
    check_all_splits("a5 UID\r\n", {"REQ a5 UID"});
}

TEST_CASE("receiver: quoted strings with escapes (RFC 3501 §4.3)", "[imap][receiver]") {
    check_all_splits("a1 LOGIN \"al ice\" \"pa\\\"ss\\\\word\"\r\n", {"REQ a1 LOGIN Q(al ice) Q(pa\"ss\\word)"});
    check_all_splits("a2 SELECT \"\"\r\n", {"REQ a2 SELECT Q()"});
    check_all_splits("a3 LOGIN \"x\\n\" y\r\na4 NOOP\r\n",
                     {"ERR [a3] Invalid escape in quoted string", "REQ a4 NOOP"});
    check_all_splits("a5 LOGIN \"unterminated\r\na6 NOOP\r\n", {"ERR [a5] Unterminated quoted string", "REQ a6 NOOP"});
    // RFC 3501 §9: QUOTED-CHAR is 7-bit; 8-bit text needs a literal.
    check_all_splits("a7 SEARCH SUBJECT \"caf\xC3\xA9\"\r\na8 NOOP\r\n",
                     {"ERR [a7] 8-bit octet in quoted string", "REQ a8 NOOP"});
}

TEST_CASE("receiver: synchronising and non-synchronising literals (RFC 3501 §4.3, RFC 7888)", "[imap][receiver]") {
    check_all_splits("a1 LOGIN {5}\r\nalice {3}\r\npw!\r\n",
                     {"LIT 5 sync", "LIT 3 sync", "REQ a1 LOGIN L(alice) L(pw!)"});
    // Literal octets may hold CR, LF, NUL, parentheses and quotes: nothing in them is parsed.
    std::string body("Hello\r\n(\"}\0{1}\r\n", 17);
    check_all_splits("a2 APPEND INBOX (\\Seen) \"03-Dec-2026 18:12:12 +0000\" {17+}\r\n" + body + "\r\na3 NOOP\r\n",
                     {"LIT 17 nonsync", "REQ a2 APPEND A(INBOX) (A(\\Seen)) Q(03-Dec-2026 18:12:12 +0000) L(" + body + ")",
                      "REQ a3 NOOP"});
    check_all_splits("a4 LOGIN {0}\r\n {0+}\r\n\r\n", {"LIT 0 sync", "LIT 0 nonsync", "REQ a4 LOGIN L() L()"});
    // A literal inside a list.
    check_all_splits("a5 X (a {1}\r\nb c)\r\n", {"LIT 1 sync", "REQ a5 X (A(a) L(b) A(c))"});
}

TEST_CASE("receiver: nested lists and fetch sections kept as one token (RFC 3501 §6.4.5)", "[imap][receiver]") {
    check_all_splits("a1 STATUS foo (MESSAGES (A (B C) ()) UNSEEN)\r\n",
                     {"REQ a1 STATUS A(foo) (A(MESSAGES) (A(A) (A(B) A(C)) ()) A(UNSEEN))"});
    check_all_splits("a2 UID FETCH 1:*,5:2 (UID BODY.PEEK[HEADER.FIELDS (SUBJECT \"From\")]<0.100> BODY[])\r\n",
                     {"REQ a2 UID FETCH A(1:*,5:2) (A(UID) S(BODY.PEEK)[A(HEADER.FIELDS) (A(SUBJECT) Q(From))]<0.100> "
                      "S(BODY)[])"});
    check_all_splits("a3 FETCH 1 body[text]<5.10>\r\n", {"REQ a3 FETCH A(1) S(body)[A(text)]<5.10>"});
    // "[" elsewhere is an ordinary atom character (mailbox names may hold brackets).
    check_all_splits("a4 SELECT foo[bar]\r\n", {"REQ a4 SELECT A(foo[bar])"});
    check_all_splits("a5 X (a b\r\na6 X a)\r\na7 FETCH 1 BODY[HEADER\r\n",
                     {"ERR [a5] Missing ')'", "ERR [a6] Unexpected ')'", "ERR [a7] Missing ']'"});
    std::string deep = "a8 X " + std::string(40, '(') + std::string(40, ')') + "\r\n";
    check_all_splits(deep, {"ERR [a8] Too deeply nested"});
}

TEST_CASE("receiver: bad tags and missing commands are answered, then the next line is read", "[imap][receiver]") {
    check_all_splits("+x NOOP\r\na1 NOOP\r\n", {"ERR [] Invalid tag", "REQ a1 NOOP"});
    check_all_splits("a2\r\na3 \r\n", {"ERR [a2] Missing command", "ERR [a3] Missing command"});
    check_all_splits("a4 \"NOOP\"\r\n", {"ERR [a4] Missing command"});
    check_all_splits("a5 NOOP \x01\r\n", {"ERR [a5] Invalid characters in atom"});
}

TEST_CASE("receiver: empty lines are ignored and bare LF ends a line", "[imap][receiver]") {
    check_all_splits("\r\n\r\na1 NOOP\r\n", {"REQ a1 NOOP"});
    check_all_splits("a2 NOOP\na3 NOOP\r\n", {"REQ a2 NOOP", "REQ a3 NOOP"});
}

TEST_CASE("receiver: over-long lines are refused and skipped up to their end", "[imap][receiver]") {
    ReceiverLimits limits;
    limits.max_line = 32;
    check_all_splits("a1 X " + std::string(100, 'x') + "\r\na2 NOOP\r\n",
                     {"ERR [a1] Command line too long", "REQ a2 NOOP"}, limits);
    // Exactly at the limit is fine (the CR does not count).
    std::string exact = "a3 X " + std::string(32 - 5, 'y');
    check_all_splits(exact + "\r\n", {"REQ a3 X A(" + std::string(27, 'y') + ")"}, limits);
    // The limit counts the text of all lines of a command, not the literal octets.
    check_all_splits("a4 X {40}\r\n" + std::string(40, 'z') + " " + std::string(30, 'w') + "\r\na5 NOOP\r\n",
                     {"LIT 40 sync", "ERR [a4] Command line too long", "REQ a5 NOOP"}, limits);
}

TEST_CASE("receiver: literals above the limit are refused; non-synchronising octets are skipped", "[imap][receiver]") {
    ReceiverLimits limits;
    limits.max_literal = 10;
    // Synchronising: the client waits for "+", so nothing follows but the next command.
    check_all_splits("b1 APPEND INBOX {100}\r\nb2 NOOP\r\n", {"ERR [b1] Literal too large", "REQ b2 NOOP"}, limits);
    // RFC 7888 §4: the octets of a {n+} literal are already on their way; the connection
    // must be closed and nothing after the announcement read (not even the b9/b4 lines).
    check_all_splits("b3 APPEND INBOX {20+}\r\n" + std::string("0123456\r\nb9 NOOP\r\n89") + " rest\r\nb4 NOOP\r\n",
                     {"ERR [b3] Literal too large +CLOSE"}, limits);
    // The limit is per command: two literals of 6 exceed 10.
    check_all_splits("b5 LOGIN {6}\r\n123456 {6}\r\nb6 NOOP\r\n",
                     {"LIT 6 sync", "ERR [b5] Literal too large", "REQ b6 NOOP"}, limits);
    check_all_splits("b7 X {99999999999}\r\nb8 NOOP\r\n", {"ERR [b7] Invalid literal size", "REQ b8 NOOP"}, limits);
}

TEST_CASE("receiver: a refused non-synchronising literal stops the receiver (RFC 7888 §4)", "[imap][receiver]") {
    // The size does not parse (overflows the 32-bit number of RFC 3501 §9): the end of the
    // data is unknown, and the literal's octets must never run as a command.
    check_all_splits("x APPEND INBOX {99999999999+}\r\nc CREATE injected3\r\n",
                     {"ERR [x] Invalid literal size +CLOSE"});
    check_all_splits("x2 APPEND INBOX {12a+}\r\nc CREATE injected\r\n", {"ERR [x2] Invalid literal size +CLOSE"});
    // Parses but is over the limit: same answer, whatever the data looks like.
    check_all_splits("x3 APPEND INBOX {2000000000+}\r\nc CREATE injected\r\n", {"ERR [x3] Literal too large +CLOSE"});
    // The second literal of a command is refused the same way.
    ReceiverLimits limits;
    limits.max_literal = 10;
    check_all_splits("x4 LOGIN {6+}\r\n123456 {6+}\r\nc CREATE injected\r\n",
                     {"LIT 6 nonsync", "ERR [x4] Literal too large +CLOSE"}, limits);
    // Nothing fed afterwards is buffered or framed.
    Receiver receiver;
    receiver.feed("x5 APPEND INBOX {99999999999+}\r\n");
    REQUIRE(describe(receiver.next()) == "ERR [x5] Invalid literal size +CLOSE");
    REQUIRE(receiver.closed());
    receiver.feed("c NOOP\r\n");
    CHECK(receiver.buffered() == 0);
    CHECK(std::holds_alternative<NeedMore>(receiver.next()));
    CHECK(std::holds_alternative<NeedMore>(receiver.next_line()));
    receiver.discard_buffered();
    receiver.feed("c NOOP\r\n");
    CHECK(std::holds_alternative<NeedMore>(receiver.next()));
}

TEST_CASE("receiver: the tag is checked before a literal is accepted (RFC 3501 §9)", "[imap][receiver]") {
    // "{" is not an ASTRING-CHAR: no literal may be requested for "o{3}", and the client,
    // which waits for "+", sends the next command on the next line.
    check_all_splits("o{3}\r\nb1 NOOP\r\n", {"ERR [] Invalid tag", "REQ b1 NOOP"});
    check_all_splits("{5}\r\nb2 NOOP\r\n", {"ERR [] Invalid tag", "REQ b2 NOOP"});
    check_all_splits("+a LOGIN {5}\r\nb3 NOOP\r\n", {"ERR [] Invalid tag", "REQ b3 NOOP"});
    // A non-synchronising one is already on its way: close (RFC 7888 §4).
    check_all_splits("o{3+}\r\nabc\r\nb4 NOOP\r\n", {"ERR [] Invalid tag +CLOSE"});
    check_all_splits("+a LOGIN {99999999999+}\r\nc CREATE injected\r\n", {"ERR [] Invalid tag +CLOSE"});
}

TEST_CASE("receiver: an over-long line announcing {n+} closes; one announcing {n} resyncs (RFC 7888 §4)",
          "[imap][receiver]") {
    ReceiverLimits limits;
    limits.max_line = 32;
    std::string filler(100, 'x');
    check_all_splits("a1 X " + filler + " {18+}\r\nc CREATE injected\r\n", {"ERR [a1] Command line too long +CLOSE"},
                     limits);
    // Even when the announced number does not parse.
    check_all_splits("a2 X " + filler + " {zz+}\r\nc CREATE injected\r\n", {"ERR [a2] Command line too long +CLOSE"},
                     limits);
    // A synchronising one: the client waits for "+" and sends its next command instead.
    check_all_splits("a3 X " + filler + " {18}\r\na4 NOOP\r\n", {"ERR [a3] Command line too long", "REQ a4 NOOP"},
                     limits);
    // Over-long continuation line of a command (the limit counts all its lines).
    check_all_splits("a5 X {2}\r\nzz " + std::string(30, 'w') + " {18+}\r\nc CREATE injected\r\n",
                     {"LIT 2 sync", "ERR [a5] Command line too long +CLOSE"}, limits);
}

TEST_CASE("receiver: reject_literal drops the command (session refuses the size)", "[imap][receiver]") {
    SECTION("synchronising: the next line is a new command") {
        Receiver receiver;
        receiver.feed("c1 APPEND INBOX {50}\r\n");
        REQUIRE(std::get<NeedLiteral>(receiver.next()) == NeedLiteral{50, true});
        receiver.reject_literal();
        receiver.feed("c2 NOOP\r\n");
        REQUIRE(describe(receiver.next()) == "REQ c2 NOOP");
    }
    SECTION("non-synchronising: the receiver stops, nothing after it is read (RFC 7888 §4)") {
        Receiver receiver;
        receiver.feed("c1 APPEND INBOX {5+}\r\nABCDE rest)\r\nc2 NOOP\r\n");
        REQUIRE(std::get<NeedLiteral>(receiver.next()) == NeedLiteral{5, false});
        receiver.reject_literal();
        CHECK(receiver.closed());
        CHECK(receiver.buffered() == 0);
        CHECK(std::holds_alternative<NeedMore>(receiver.next()));
    }
}

TEST_CASE("receiver: discard_buffered forgets pipelined input (STARTTLS, RFC 3501 §6.2.1)", "[imap][receiver]") {
    Receiver receiver;
    receiver.feed("a1 STARTTLS\r\na2 LOGIN injected x\r\n");
    REQUIRE(describe(receiver.next()) == "REQ a1 STARTTLS");
    receiver.discard_buffered();
    REQUIRE(receiver.buffered() == 0);
    REQUIRE(std::holds_alternative<NeedMore>(receiver.next()));
    receiver.feed("a3 NOOP\r\n");
    REQUIRE(describe(receiver.next()) == "REQ a3 NOOP");
}

TEST_CASE("receiver: raw lines for AUTHENTICATE responses (RFC 3501 §6.2.2)", "[imap][receiver]") {
    Receiver receiver;
    receiver.feed("AGFsaWNlAHB3");
    REQUIRE(std::holds_alternative<NeedMore>(receiver.next_line()));
    receiver.feed("\r\n*\r\na1 NOOP\r\n");
    REQUIRE(std::get<std::string>(receiver.next_line()) == "AGFsaWNlAHB3");
    REQUIRE(std::get<std::string>(receiver.next_line()) == "*");
    REQUIRE(describe(receiver.next()) == "REQ a1 NOOP");
}

TEST_CASE("receiver: random IMAP-like input gives the same events however it is split", "[imap][receiver]") {
    // A cheap stand-in for fuzzing in the unit suite: fragments that exercise every framing
    // and token path, glued at random, fed whole and in random chunks.
    const std::vector<std::string> fragments = {
        "a1 ", "NOOP", " ", "\r\n", "\n", "{3}\r\n", "{2+}\r\n", "{0}\r\n", "{99999}\r\n", "{999+}\r\n", "{99999999999+}\r\n", "o{1}\r\n", "(", ")", "\"", "\\",
        "BODY[", "BODY.PEEK[", "]", "<1.2>", "HEADER.FIELDS", "1:*", "*", "%", "x", "\x01", "\xff", "+", "UID FETCH",
    };
    ReceiverLimits limits;
    limits.max_line = 64;
    limits.max_literal = 100;
    std::mt19937 random(20261203);
    for (int round = 0; round < 400; ++round) {
        std::string input;
        int pieces = 1 + static_cast<int>(random() % 40);
        for (int i = 0; i < pieces; ++i) input += fragments[random() % fragments.size()];
        std::vector<std::string> chunks;
        for (size_t at = 0; at < input.size();) {
            size_t size = 1 + random() % 7;
            chunks.push_back(input.substr(at, size));
            at += size;
        }
        INFO("input: " << input);
        REQUIRE(run(chunks, limits) == run({input}, limits));
    }
}
