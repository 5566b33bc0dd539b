// The RFC 3501 §6.4.4 search program as a tree: what SEARCH parses into (args_search.cpp) and
// what the command evaluates per message (imap/search_match.hpp). Pure.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "imap/proto/seqset.hpp"

namespace roost::imap::proto {

struct SearchKey {
    enum class Kind {
        All,
        And,          // children, all must match (a parenthesised list, or the implicit AND)
        Or,           // two children
        Not,          // one child
        SequenceSet,  // set: sequence numbers
        UidSet,       // set: UIDs
        Flag,         // flag: a system flag is set (the UN- forms are Not(Flag))
        Recent,       // \Recent for this session
        Keyword,      // text: a keyword is set
        Larger,       // number: RFC822.SIZE > number
        Smaller,      // number: RFC822.SIZE < number
        Before,       // day: INTERNALDATE's date < day
        On,           // day: INTERNALDATE's date == day
        Since,        // day: INTERNALDATE's date >= day
        SentBefore,   // day: the Date: header's date < day
        SentOn,
        SentSince,
        Header,       // field, address, text: a field whose decoded value contains text
        Body,         // text: the decoded body text contains text
        Text,         // text: the header or the body contains text
    };
    enum class SystemFlag { Answered, Deleted, Draft, Flagged, Seen };

    // A date the calendar does not have (31-Feb-2003): Dovecot reads it as a day after every
    // message, so SINCE and ON match nothing and BEFORE everything.
    static constexpr int64_t kBeyondEveryDay = std::numeric_limits<int64_t>::max();

    Kind kind = Kind::All;
    SeqSet set;
    SystemFlag flag = SystemFlag::Seen;
    uint64_t number = 0;
    int64_t day = 0;      // days since 1970-01-01
    std::string field;    // header field name as the client wrote it
    bool address = false;  // FROM/TO/CC/BCC: matched on the re-written address list
    // Keyword: the name as written. Header/Body/Text: the search string in UTF-8, case-folded
    // (mail::casefold); an empty one matches any message that has the field (Header) or
    // every message (Body/Text).
    std::string text;
    std::vector<SearchKey> children;

    // Whether evaluating this key needs the message's content (not only MessageInfo).
    // (Implemented in args_search.cpp.)
    bool needs_content() const;
};

}  // namespace roost::imap::proto
