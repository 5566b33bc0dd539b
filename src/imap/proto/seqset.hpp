// RFC 3501 §9 sequence-set: "1", "2:4", "5:2" (same as 2:5), "*", "7:*", comma-separated.
// The same syntax names sequence numbers (FETCH, STORE) or UIDs (UID FETCH, UID STORE);
// only resolution differs. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace roost::imap::proto {

class SeqSet {
public:
    static constexpr uint32_t kStar = 0;  // "*": the largest number in use

    struct Range {
        uint32_t first = 0;  // kStar or 1..2^32-1
        uint32_t last = 0;
    };

    // nullopt on a syntax error, a 0, or a number above 2^32-1.
    static std::optional<SeqSet> parse(std::string_view text);

    const std::vector<Range>& ranges() const { return ranges_; }

    // Sequence numbers in ascending order without duplicates, "*" being `count`.
    // nullopt when the set names a number above `count` (RFC 3501 §9 seq-number: such a
    // number is invalid; Dovecot answers BAD "Invalid messageset"), and for "*" or any
    // number when the mailbox is empty.
    std::optional<std::vector<uint32_t>> resolve_sequence(uint32_t count) const;

    // For UID sets: the 1-based positions in `uids` (ascending) of the UIDs in the set.
    // UIDs not in the mailbox are ignored; "*" is the largest UID, so "n:*" always includes
    // the last message (RFC 3501 §6.4.8).
    std::vector<uint32_t> resolve_uids(const std::vector<uint32_t>& uids) const;

    bool contains(uint32_t value, uint32_t star) const;

private:
    std::vector<Range> ranges_;
};

// "1:3,7,9:10": the numbers in the given order, runs of consecutive ascending numbers
// written as ranges (RFC 4315 COPYUID, APPENDUID).
std::string format_sequence_set(const std::vector<uint32_t>& numbers);

}  // namespace roost::imap::proto
