#include "imap/proto/seqset.hpp"

#include <algorithm>

#include "base/strings.hpp"

namespace roost::imap::proto {
namespace {

// seq-number = nz-number / "*"
std::optional<uint32_t> parse_number(std::string_view text) {
    if (text == "*") return SeqSet::kStar;
    if (text.empty() || text.front() == '0') return std::nullopt;
    auto value = parse_decimal(text, 0xFFFFFFFFull);
    if (!value) return std::nullopt;
    return static_cast<uint32_t>(*value);
}

uint32_t resolve_star(uint32_t value, uint32_t star) { return value == SeqSet::kStar ? star : value; }

}  // namespace

std::optional<SeqSet> SeqSet::parse(std::string_view text) {
    SeqSet set;
    if (text.empty()) return std::nullopt;
    for (std::string_view item : split(text, ',')) {
        size_t colon = item.find(':');
        Range range;
        if (colon == std::string_view::npos) {
            auto n = parse_number(item);
            if (!n) return std::nullopt;
            range = {*n, *n};
        } else {
            auto a = parse_number(item.substr(0, colon));
            auto b = parse_number(item.substr(colon + 1));
            if (!a || !b) return std::nullopt;
            range = {*a, *b};
        }
        set.ranges_.push_back(range);
    }
    return set;
}

bool SeqSet::contains(uint32_t value, uint32_t star) const {
    for (const Range& r : ranges_) {
        uint32_t a = resolve_star(r.first, star), b = resolve_star(r.last, star);
        if (a > b) std::swap(a, b);
        if (value >= a && value <= b) return true;
    }
    return false;
}

std::optional<std::vector<uint32_t>> SeqSet::resolve_sequence(uint32_t count) const {
    std::vector<std::pair<uint32_t, uint32_t>> spans;
    for (const Range& r : ranges_) {
        uint32_t a = resolve_star(r.first, count), b = resolve_star(r.last, count);
        if (a > b) std::swap(a, b);
        if (a == 0 || b > count) return std::nullopt;
        spans.emplace_back(a, b);
    }
    std::sort(spans.begin(), spans.end());
    std::vector<uint32_t> out;
    uint32_t next = 1;  // smallest number not yet emitted
    for (auto [a, b] : spans) {
        for (uint32_t n = std::max(a, next); n <= b; ++n) out.push_back(n);
        next = std::max(next, b + 1);
    }
    return out;
}

std::vector<uint32_t> SeqSet::resolve_uids(const std::vector<uint32_t>& uids) const {
    if (uids.empty()) return {};
    uint32_t star = uids.back();
    std::vector<std::pair<uint32_t, uint32_t>> spans;
    for (const Range& r : ranges_) {
        uint32_t a = resolve_star(r.first, star), b = resolve_star(r.last, star);
        if (a > b) std::swap(a, b);
        spans.emplace_back(a, b);
    }
    std::sort(spans.begin(), spans.end());
    std::vector<uint32_t> out;
    size_t next_index = 0;  // positions below this are already emitted
    for (auto [a, b] : spans) {
        auto from = std::lower_bound(uids.begin() + static_cast<std::ptrdiff_t>(next_index), uids.end(), a);
        auto to = std::upper_bound(from, uids.end(), b);
        for (auto it = from; it != to; ++it) out.push_back(static_cast<uint32_t>(it - uids.begin()) + 1);
        next_index = std::max(next_index, static_cast<size_t>(to - uids.begin()));
    }
    return out;
}

std::string format_sequence_set(const std::vector<uint32_t>& numbers) {
    std::string out;
    for (size_t i = 0; i < numbers.size();) {
        size_t end = i;
        while (end + 1 < numbers.size() && numbers[end + 1] == numbers[end] + 1) ++end;
        if (!out.empty()) out += ',';
        out += std::to_string(numbers[i]);
        if (end > i) out += ':' + std::to_string(numbers[end]);
        i = end + 1;
    }
    return out;
}

}  // namespace roost::imap::proto
