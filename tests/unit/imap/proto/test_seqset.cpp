// Sequence sets (RFC 3501 §9 sequence-set, §6.4.8 UID ranges).
#include <catch2/catch.hpp>

#include "imap/proto/seqset.hpp"

using roost::imap::proto::SeqSet;

namespace {

std::vector<uint32_t> seqs(const char* text, uint32_t count) {
    auto set = SeqSet::parse(text);
    REQUIRE(set);
    auto resolved = set->resolve_sequence(count);
    REQUIRE(resolved);
    return *resolved;
}

}  // namespace

TEST_CASE("seqset: syntax (RFC 3501 §9: nz-number, *, ranges, commas)", "[imap][seqset]") {
    for (const char* good : {"1", "*", "1:*", "*:1", "5:2", "1,3,5:7", "4294967295", "2:2,*"})
        CHECK(SeqSet::parse(good));
    for (const char* bad : {"", "0", "1:0", "01", "1,", ",1", "1::2", "a", "1:2:3", "-1", "4294967296", "1 2", "$"})
        CHECK_FALSE(SeqSet::parse(bad));
}

TEST_CASE("seqset: sequence numbers resolve against the message count", "[imap][seqset]") {
    CHECK(seqs("1", 3) == std::vector<uint32_t>{1});
    CHECK(seqs("1:*", 4) == std::vector<uint32_t>{1, 2, 3, 4});
    CHECK(seqs("*", 4) == std::vector<uint32_t>{4});
    // RFC 3501 §9: "5:2" is the same as "2:5"; overlaps and duplicates collapse, order ascends.
    CHECK(seqs("5:2", 6) == std::vector<uint32_t>{2, 3, 4, 5});
    CHECK(seqs("4,1:2,2,3:1", 6) == std::vector<uint32_t>{1, 2, 3, 4});
    CHECK(seqs("*:3", 5) == std::vector<uint32_t>{3, 4, 5});
}

TEST_CASE("seqset: a sequence number beyond the mailbox is invalid (Dovecot: BAD Invalid messageset)",
          "[imap][seqset]") {
    CHECK_FALSE(SeqSet::parse("5")->resolve_sequence(4));
    CHECK_FALSE(SeqSet::parse("1:5")->resolve_sequence(4));
    CHECK_FALSE(SeqSet::parse("*")->resolve_sequence(0));
    CHECK_FALSE(SeqSet::parse("1:*")->resolve_sequence(0));
}

TEST_CASE("seqset: UID sets ignore missing UIDs; n:* always includes the last (RFC 3501 §6.4.8)",
          "[imap][seqset]") {
    std::vector<uint32_t> uids{3, 7, 8, 20, 21};
    auto positions = [&](const char* text) { return SeqSet::parse(text)->resolve_uids(uids); };
    CHECK(positions("1:*") == std::vector<uint32_t>{1, 2, 3, 4, 5});
    CHECK(positions("7") == std::vector<uint32_t>{2});
    CHECK(positions("4:6") == std::vector<uint32_t>{});
    CHECK(positions("100:*") == std::vector<uint32_t>{5});
    CHECK(positions("*") == std::vector<uint32_t>{5});
    CHECK(positions("21:7,3,8") == std::vector<uint32_t>{1, 2, 3, 4, 5});
    CHECK(positions("8:3,7") == std::vector<uint32_t>{1, 2, 3});
    CHECK(SeqSet::parse("1:*")->resolve_uids({}).empty());
}

TEST_CASE("seqset: contains resolves * to the given maximum", "[imap][seqset]") {
    auto set = SeqSet::parse("2,5:*");
    REQUIRE(set);
    CHECK(set->contains(2, 10));
    CHECK_FALSE(set->contains(3, 10));
    CHECK(set->contains(7, 10));
    CHECK(set->contains(4, 4));  // 5:* with * = 4 is 4:5
}
