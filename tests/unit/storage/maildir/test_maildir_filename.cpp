// storage/maildir/maildir_filename: the BASE:2,FLAGS names of the Maildir spec as Dovecot
// writes them (",S=" physical size and ",W=" CRLF size inside the base).
#include <catch2/catch.hpp>

#include "storage/mail_store.hpp"
#include "storage/maildir/maildir_filename.hpp"

using namespace roost::storage;
using namespace roost::storage::maildir;

TEST_CASE("maildir name: Dovecot's full form parses into base, flags and sizes") {
    auto n = parse_maildir_filename("1733245932.M123456P4242Q1.mx.example.org,S=2048,W=2101:2,FRS");
    REQUIRE(n.has_value());
    CHECK(n->base == "1733245932.M123456P4242Q1.mx.example.org,S=2048,W=2101");
    CHECK(n->flags == (kFlagged | kAnswered | kSeen));
    CHECK(n->has_info);
    CHECK(n->file_size == 2048u);
    CHECK(n->crlf_size == 2101u);
    CHECK(n->other_letters.empty());
}

TEST_CASE("maildir name: each letter maps to its IMAP flag (Maildir spec info section)") {
    CHECK(parse_maildir_filename("b:2,D")->flags == kDraft);
    CHECK(parse_maildir_filename("b:2,F")->flags == kFlagged);
    CHECK(parse_maildir_filename("b:2,R")->flags == kAnswered);
    CHECK(parse_maildir_filename("b:2,S")->flags == kSeen);
    CHECK(parse_maildir_filename("b:2,T")->flags == kDeleted);
    // P (passed/forwarded) has no IMAP system flag: kept, not exposed.
    auto passed = parse_maildir_filename("b:2,PS");
    CHECK(passed->flags == kSeen);
    CHECK(passed->other_letters == "P");
}

TEST_CASE("maildir name: a file in new/ has no info and no flags") {
    auto n = parse_maildir_filename("1700000000.12345_1.host");
    REQUIRE(n.has_value());
    CHECK(n->base == "1700000000.12345_1.host");
    CHECK_FALSE(n->has_info);
    CHECK(n->flags == 0);
    CHECK_FALSE(n->file_size.has_value());
    CHECK_FALSE(n->crlf_size.has_value());
}

TEST_CASE("maildir name: size fields in any order, foreign fields ignored") {
    auto n = parse_maildir_filename("123.host,W=90,X=abc,S=88:2,");
    REQUIRE(n.has_value());
    CHECK(n->file_size == 88u);
    CHECK(n->crlf_size == 90u);
    auto bad = parse_maildir_filename("123.host,S=12x:2,");
    REQUIRE(bad.has_value());
    CHECK_FALSE(bad->file_size.has_value());
}

TEST_CASE("maildir name: build sorts letters in ASCII order and round-trips") {
    CHECK(build_maildir_filename("base", kSeen | kDraft | kFlagged, "") == "base:2,DFS");
    CHECK(build_maildir_filename("base", 0, "") == "base:2,");
    // Keyword letters (issue 4 maps them via dovecot-keywords) and P survive a flag change.
    CHECK(build_maildir_filename("base", kSeen | kDeleted, "caP") == "base:2,PSTac");
    for (uint32_t flags = 0; flags < 32; ++flags) {
        std::string name = build_maildir_filename("1.M2P3Q4.h,S=10,W=12", flags, "Pb");
        auto back = parse_maildir_filename(name);
        REQUIRE(back.has_value());
        CHECK(back->flags == flags);
        CHECK(back->other_letters == "Pb");
        CHECK(build_maildir_filename(back->base, back->flags, back->other_letters) == name);
    }
}

TEST_CASE("maildir name: unsorted or duplicated letters from other programs are accepted") {
    auto n = parse_maildir_filename("x:2,SFSa");
    REQUIRE(n.has_value());
    CHECK(n->flags == (kSeen | kFlagged));
    CHECK(n->other_letters == "a");
}

TEST_CASE("maildir name: malformed names are not messages") {
    CHECK_FALSE(parse_maildir_filename("").has_value());
    CHECK_FALSE(parse_maildir_filename(".hidden").has_value());    // dotfiles are reserved
    CHECK_FALSE(parse_maildir_filename(":2,S").has_value());       // empty base
    CHECK_FALSE(parse_maildir_filename("x:1,foo").has_value());    // experimental :1 semantics
    CHECK_FALSE(parse_maildir_filename("x:2S").has_value());       // missing comma
    CHECK_FALSE(parse_maildir_filename("x:2,S-F").has_value());    // non-letter flag
    CHECK_FALSE(parse_maildir_filename("x:2,S:2,F").has_value());
}
