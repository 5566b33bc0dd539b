// SEARCH arguments (RFC 3501 §6.4.4, grammar in §9 "search" and "search-key"): an optional
// CHARSET, then one or more keys ANDed together. Error texts follow Dovecot 2.3's.
#include <limits>

#include "base/calendar.hpp"
#include "base/strings.hpp"
#include "imap/proto/args.hpp"
#include "imap/proto/datetime.hpp"
#include "mail/casefold.hpp"
#include "mail/charset.hpp"

namespace roost::imap::proto {
namespace {

// NOT NOT NOT ... nests without brackets, so the lexer's list limit does not bound it; this
// bound keeps the recursion of parsing and evaluation shallow (Dovecot takes 101 NOTs).
constexpr int kMaxDepth = 1000;

using Kind = SearchKey::Kind;

class SearchParser {
public:
    SearchParser(const std::vector<Token>& tokens, std::string charset) : tokens_(tokens), charset_(std::move(charset)) {}

    Result<SearchKey> parse_all(size_t start) {
        SearchKey all;
        all.kind = Kind::And;
        pos_ = start;
        if (pos_ >= tokens_.size()) return make_error("Missing search parameters");
        while (pos_ < tokens_.size()) {
            auto key = parse_key(0);
            if (!key) return key.error();
            all.children.push_back(std::move(*key));
        }
        return simplified(std::move(all));
    }

private:
    // A one-key AND is the key itself.
    static SearchKey simplified(SearchKey key) {
        if (key.kind == Kind::And && key.children.size() == 1) return std::move(key.children[0]);
        return key;
    }

    static SearchKey make(Kind kind) {
        SearchKey key;
        key.kind = kind;
        return key;
    }

    static SearchKey negated(SearchKey inner) {
        SearchKey key = make(Kind::Not);
        key.children.push_back(std::move(inner));
        return key;
    }

    static SearchKey flag(SearchKey::SystemFlag which) {
        SearchKey key = make(Kind::Flag);
        key.flag = which;
        return key;
    }

    static Error missing_parameter(std::string_view name) {
        return make_error("Missing parameter for search key (for search key: " + std::string(name) + ")");
    }

    const Token* next() { return pos_ < tokens_.size() ? &tokens_[pos_++] : nullptr; }

    // astring as a search string, converted from the CHARSET and case-folded.
    Result<std::string> search_string(std::string_view key_name) {
        const Token* token = next();
        if (!token || token->kind == Token::Kind::List) return missing_parameter(key_name);
        if (token->is_atom()) {
            for (unsigned char c : token->text)
                if (c >= 0x80) return make_error("8bit data in atom");
        }
        auto utf8 = mail::charset_to_utf8(token->text, charset_);
        return mail::casefold(utf8 ? *utf8 : token->text);
    }

    Result<std::string> astring(std::string_view key_name) {
        const Token* token = next();
        if (!token || token->kind == Token::Kind::List) return missing_parameter(key_name);
        if (token->is_atom()) {
            for (unsigned char c : token->text)
                if (c >= 0x80) return make_error("8bit data in atom");
        }
        return token->text;
    }

    Result<SearchKey> date_key(Kind kind, std::string_view key_name) {
        const Token* token = next();
        if (!token || token->kind == Token::Kind::List) return missing_parameter(key_name);
        auto date = token->kind == Token::Kind::Literal ? std::nullopt : parse_date_text(token->text);
        if (!date) return make_error("Invalid search date parameter");
        SearchKey key = make(kind);
        key.day = is_calendar_date(date->year, date->month, date->day)
                      ? days_from_civil(date->year, date->month, date->day)
                      : SearchKey::kBeyondEveryDay;
        return key;
    }

    Result<SearchKey> size_key(Kind kind, std::string_view key_name) {
        const Token* token = next();
        if (!token || token->kind == Token::Kind::List) return missing_parameter(key_name);
        auto number = token->is_atom() ? parse_decimal(token->text) : std::nullopt;
        if (!number) return make_error("Invalid search size parameter");
        SearchKey key = make(kind);
        key.number = *number;
        return key;
    }

    Result<SearchKey> string_key(Kind kind, std::string_view key_name, std::string field = {}, bool address = false) {
        auto text = search_string(key_name);
        if (!text) return text.error();
        SearchKey key = make(kind);
        key.text = std::move(*text);
        key.field = std::move(field);
        key.address = address;
        return key;
    }

    Result<SearchKey> parse_key(int depth) {
        if (depth > kMaxDepth) return make_error("Too deep nesting of search keys");
        const Token* token = next();
        if (!token) return make_error("Missing argument");
        if (token->kind == Token::Kind::List) return parse_list(*token, depth);
        if (!token->is_atom()) return make_error("Unexpected string as search key: " + token->text);

        const std::string name = ascii_upper(token->text);
        char first = name.empty() ? '\0' : name[0];
        if ((first >= '0' && first <= '9') || first == '*') {
            auto set = parse_sequence_set(*token);
            if (!set) return set.error();
            SearchKey key = make(Kind::SequenceSet);
            key.set = std::move(*set);
            return key;
        }
        using Flag = SearchKey::SystemFlag;
        struct FlagKey {
            const char* name;
            Flag flag;
        };
        static const FlagKey kFlags[] = {{"ANSWERED", Flag::Answered}, {"DELETED", Flag::Deleted},
                                         {"DRAFT", Flag::Draft},       {"FLAGGED", Flag::Flagged},
                                         {"SEEN", Flag::Seen}};
        for (const FlagKey& entry : kFlags) {
            if (name == entry.name) return flag(entry.flag);
            if (name == std::string("UN") + entry.name) return negated(flag(entry.flag));
        }
        if (name == "ALL") return make(Kind::All);
        if (name == "RECENT") return make(Kind::Recent);
        // RFC 3501 §6.4.4: NEW is (RECENT UNSEEN), OLD is NOT RECENT.
        if (name == "NEW") {
            SearchKey key = make(Kind::And);
            key.children.push_back(make(Kind::Recent));
            key.children.push_back(negated(flag(Flag::Seen)));
            return key;
        }
        if (name == "OLD") return negated(make(Kind::Recent));
        if (name == "NOT") {
            if (pos_ >= tokens_.size()) return make_error("Missing argument");
            auto inner = parse_key(depth + 1);
            if (!inner) return inner.error();
            return negated(std::move(*inner));
        }
        if (name == "OR") {
            SearchKey key = make(Kind::Or);
            for (int i = 0; i < 2; ++i) {
                if (pos_ >= tokens_.size()) return make_error("Missing argument");
                auto inner = parse_key(depth + 1);
                if (!inner) return inner.error();
                key.children.push_back(std::move(*inner));
            }
            return key;
        }
        if (name == "UID") {
            const Token* set_token = next();
            if (!set_token) return missing_parameter(name);
            auto set = parse_sequence_set(*set_token);
            if (!set) return set.error();
            SearchKey key = make(Kind::UidSet);
            key.set = std::move(*set);
            return key;
        }
        if (name == "KEYWORD" || name == "UNKEYWORD") {
            auto keyword = astring(name);
            if (!keyword) return keyword.error();
            SearchKey key = make(Kind::Keyword);
            key.text = std::move(*keyword);
            return name == "KEYWORD" ? key : negated(std::move(key));
        }
        if (name == "LARGER") return size_key(Kind::Larger, name);
        if (name == "SMALLER") return size_key(Kind::Smaller, name);
        if (name == "BEFORE") return date_key(Kind::Before, name);
        if (name == "ON") return date_key(Kind::On, name);
        if (name == "SINCE") return date_key(Kind::Since, name);
        if (name == "SENTBEFORE") return date_key(Kind::SentBefore, name);
        if (name == "SENTON") return date_key(Kind::SentOn, name);
        if (name == "SENTSINCE") return date_key(Kind::SentSince, name);
        if (name == "FROM" || name == "TO" || name == "CC" || name == "BCC")
            return string_key(Kind::Header, name, name, true);
        if (name == "SUBJECT") return string_key(Kind::Header, name, name);
        if (name == "HEADER") {
            auto field = astring(name);
            if (!field) return field.error();
            return string_key(Kind::Header, name, std::move(*field));
        }
        if (name == "BODY") return string_key(Kind::Body, name);
        if (name == "TEXT") return string_key(Kind::Text, name);
        return make_error("Unknown argument " + token->text);
    }

    Result<SearchKey> parse_list(const Token& list, int depth) {
        if (list.children.empty()) return make_error("No search parameters inside list");
        SearchParser inner(list.children, charset_);
        SearchKey key = make(Kind::And);
        while (inner.pos_ < list.children.size()) {
            auto child = inner.parse_key(depth + 1);
            if (!child) return child.error();
            key.children.push_back(std::move(*child));
        }
        return simplified(std::move(key));
    }

    const std::vector<Token>& tokens_;
    std::string charset_;
    size_t pos_ = 0;
};

}  // namespace

Result<SearchArgs, SearchArgsError> parse_search(const std::vector<Token>& args) {
    SearchArgs search;
    size_t start = 0;
    if (!args.empty() && args[0].is_word("CHARSET")) {
        if (args.size() < 2 || args[1].kind == Token::Kind::List)
            return SearchArgsError{"Invalid charset argument", false};
        search.charset = args[1].text;
        if (!mail::charset_known(search.charset)) return SearchArgsError{"Unknown charset", true};
        start = 2;
    }
    auto program = SearchParser(args, search.charset).parse_all(start);
    if (!program) return SearchArgsError{program.error().message, false};
    search.program = std::move(*program);
    return search;
}

bool SearchKey::needs_content() const {
    switch (kind) {
        case Kind::SentBefore: case Kind::SentOn: case Kind::SentSince:
        case Kind::Header: case Kind::Body: case Kind::Text:
            return true;
        default:
            for (const SearchKey& child : children)
                if (child.needs_content()) return true;
            return false;
    }
}

}  // namespace roost::imap::proto
