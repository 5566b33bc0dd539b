#include "imap/proto/list_match.hpp"

#include <vector>

#include "base/strings.hpp"

namespace roost::imap::proto {

// Dynamic programming over (pattern position, name position) rather than backtracking, so a
// hostile pattern like "*a*a*a*a*b" costs O(pattern * name).
bool list_pattern_matches(std::string_view pattern, std::string_view name, char separator) {
    const size_t n = name.size();
    // reach[j]: pattern[0..i) can match name[0..j)
    std::vector<char> reach(n + 1, 0), next(n + 1, 0);
    reach[0] = 1;
    for (char p : pattern) {
        std::fill(next.begin(), next.end(), 0);
        if (p == '*' || p == '%') {
            // Extend every reachable prefix across zero or more name characters.
            for (size_t j = 0; j <= n; ++j) {
                if (reach[j])
                    next[j] = 1;
                else if (j > 0 && next[j - 1] && (p == '*' || name[j - 1] != separator))
                    next[j] = 1;
            }
        } else {
            for (size_t j = 0; j < n; ++j)
                if (reach[j] && name[j] == p) next[j + 1] = 1;
        }
        reach.swap(next);
    }
    return reach[n] != 0;
}

std::string canonical_list_pattern(std::string_view reference, std::string_view pattern, char separator) {
    std::string full(reference);
    full.append(pattern);
    if (istarts_with(full, "INBOX") && (full.size() == 5 || full[5] == separator)) full.replace(0, 5, "INBOX");
    return full;
}

}  // namespace roost::imap::proto
