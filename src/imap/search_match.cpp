#include "imap/search_match.hpp"

#include "base/calendar.hpp"
#include "base/strings.hpp"

namespace roost::imap {
namespace {

using Kind = proto::SearchKey::Kind;

uint32_t flag_bit(proto::SearchKey::SystemFlag flag) {
    using Flag = proto::SearchKey::SystemFlag;
    switch (flag) {
        case Flag::Answered: return storage::kAnswered;
        case Flag::Deleted: return storage::kDeleted;
        case Flag::Draft: return storage::kDraft;
        case Flag::Flagged: return storage::kFlagged;
        case Flag::Seen: return storage::kSeen;
    }
    return 0;
}

bool has_keyword(const storage::MessageInfo& info, const std::string& keyword) {
    for (const std::string& present : info.keywords)
        if (iequals(present, keyword)) return true;
    return false;
}

bool content_matches(const proto::SearchKey& key, SearchCandidate& candidate) {
    mail::SearchableMessage* message = candidate.content();
    if (!message) return false;
    switch (key.kind) {
        case Kind::SentBefore: return message->sent_day() < key.day;
        case Kind::SentOn: return message->sent_day() == key.day;
        case Kind::SentSince: return message->sent_day() >= key.day;
        case Kind::Header: return message->header_contains(key.field, key.text, key.address);
        case Kind::Body: return key.text.empty() || message->body_contains(key.text);
        case Kind::Text: return key.text.empty() || message->text_contains(key.text);
        default: return false;
    }
}

}  // namespace

bool search_matches(const proto::SearchKey& key, SearchCandidate& candidate) {
    const storage::MessageInfo& info = *candidate.info;
    // RFC 3501 §6.4.4: dates "disregarding time and timezone"; INTERNALDATE is served in UTC.
    int64_t internal_day = day_of(info.internal_date);
    switch (key.kind) {
        case Kind::All: return true;
        case Kind::And:
            // Cheap keys first: the content is read only if they all match.
            for (bool content_pass : {false, true})
                for (const proto::SearchKey& child : key.children)
                    if (child.needs_content() == content_pass && !search_matches(child, candidate)) return false;
            return true;
        case Kind::Or:
            for (bool content_pass : {false, true})
                for (const proto::SearchKey& child : key.children)
                    if (child.needs_content() == content_pass && search_matches(child, candidate)) return true;
            return false;
        case Kind::Not: return !search_matches(key.children[0], candidate);
        case Kind::SequenceSet: return key.set.contains(candidate.seq, candidate.message_count);
        case Kind::UidSet: return key.set.contains(info.uid, candidate.max_uid);
        case Kind::Flag: return (info.flags & flag_bit(key.flag)) != 0;
        case Kind::Recent: return candidate.recent;
        case Kind::Keyword: return has_keyword(info, key.text);
        case Kind::Larger: return info.size > key.number;
        case Kind::Smaller: return info.size < key.number;
        case Kind::Before: return internal_day < key.day;
        case Kind::On: return internal_day == key.day;
        case Kind::Since: return internal_day >= key.day;
        default: return content_matches(key, candidate);
    }
}

}  // namespace roost::imap
