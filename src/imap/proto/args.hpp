// Typed arguments: tokens from the receiver -> values the command handlers use. Each parser
// checks the RFC 3501 §9 grammar of its command and returns an error text for "BAD". Pure.
// Implemented in args_common.cpp, args_mailbox.cpp, args_fetch.cpp, args_store.cpp and
// args_append.cpp and args_search.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "imap/proto/search_key.hpp"
#include "imap/proto/seqset.hpp"
#include "imap/proto/token.hpp"

namespace roost::imap::proto {

// ---- common (args_common.cpp) ----

// astring = 1*ASTRING-CHAR / string
std::optional<std::string> parse_astring(const Token& token);
// parse_mailbox's error for a well-formed name that is not modified UTF-7 (Dovecot's text).
inline constexpr const char* kInvalidMutf7Name = "Mailbox name is not valid mUTF-7";

// mailbox = "INBOX" / astring, with "INBOX" matched case-insensitively (RFC 3501 §5.1) and
// the name decoded from modified UTF-7 (§5.1.3) to UTF-8.
Result<std::string> parse_mailbox(const Token& token);
// A flag (\Seen, \Answered... or a keyword atom). Returns the name with system flags in
// their canonical spelling.
std::optional<std::string> parse_flag(const Token& token);
// flag-list = "(" [flag *(SP flag)] ")"
Result<std::vector<std::string>> parse_flag_list(const Token& token);
// sequence-set as an atom
Result<SeqSet> parse_sequence_set(const Token& token);
// Checks the argument count: "Missing argument" / "Too many arguments".
Result<void> expect_args(const std::vector<Token>& args, size_t min, size_t max);

// ---- mailbox commands (args_mailbox.cpp) ----

struct ListArgs {
    std::string reference;  // UTF-8
    std::string pattern;    // UTF-8 with % and * wildcards
    // The reference or pattern is not modified UTF-7, so it can name no mailbox: the list is
    // empty but the command succeeds (as with Dovecot).
    bool matches_nothing = false;
};
// LIST / LSUB reference list-mailbox (RFC 3501 §6.3.8)
Result<ListArgs> parse_list(const std::vector<Token>& args);

struct StatusArgs {
    std::string mailbox;
    std::vector<std::string> items;  // upper-cased, in request order
};
// STATUS mailbox (att *(SP att)) with att one of MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN
Result<StatusArgs> parse_status(const std::vector<Token>& args);

struct CopyArgs {
    SeqSet set;
    std::string mailbox;
};
// COPY sequence-set mailbox (RFC 3501 §6.4.7); the mailbox error may be kInvalidMutf7Name.
Result<CopyArgs> parse_copy(const std::vector<Token>& args);

// ---- FETCH (args_fetch.cpp) ----

// section-spec (RFC 3501 §6.4.5): an optional part path, then what of that part.
struct Section {
    // Full: the whole message (no path) or the part's body; Mime: the part's MIME header
    // (only with a path).
    enum class Kind { Full, Header, HeaderFields, HeaderFieldsNot, Text, Mime };
    Kind kind = Kind::Full;
    std::vector<uint32_t> part;       // "2.1.3" -> {2, 1, 3}; empty: the message itself
    std::vector<std::string> fields;  // for HEADER.FIELDS(.NOT), as the client wrote them
    // As echoed in the response between the brackets, e.g. "1.HEADER.FIELDS (SUBJECT FROM)"
    // (field names upper-cased, as Dovecot echoes them).
    std::string text;
};

struct FetchItem {
    // Body: BODY[section]; BodyNonExtensible: BODY without a section (RFC 3501 §7.4.2).
    enum class Kind {
        Uid, Flags, InternalDate, Rfc822Size, Rfc822, Rfc822Header, Rfc822Text, Body,
        Envelope, BodyStructure, BodyNonExtensible
    };
    Kind kind = Kind::Uid;
    // For Body: BODY[section]<partial> or BODY.PEEK[...]
    Section section;
    bool peek = false;
    std::optional<uint32_t> partial_origin;
    uint32_t partial_count = 0;
};

struct FetchArgs {
    SeqSet set;
    std::vector<FetchItem> items;
};
// FETCH sequence-set ("ALL" / "FULL" / "FAST" / fetch-att / "(" fetch-att *(SP fetch-att) ")")
Result<FetchArgs> parse_fetch(const std::vector<Token>& args);

// ---- STORE (args_store.cpp) ----

struct StoreArgs {
    enum class Operation { Replace, Add, Remove };
    SeqSet set;
    Operation operation = Operation::Replace;
    bool silent = false;
    std::vector<std::string> flags;
};
// STORE sequence-set ["+" / "-"] "FLAGS" [".SILENT"] (flag-list / (flag *(SP flag)))
Result<StoreArgs> parse_store(const std::vector<Token>& args);

// ---- APPEND (args_append.cpp) ----

struct AppendArgs {
    std::string mailbox;
    std::vector<std::string> flags;
    std::optional<int64_t> internal_date;  // unix time
    std::string message;
};
// APPEND mailbox [SP flag-list] [SP date-time] SP literal (RFC 3501 §6.3.11)
Result<AppendArgs> parse_append(std::vector<Token> args);

// ---- SEARCH (args_search.cpp) ----

struct SearchArgs {
    std::string charset = "US-ASCII";  // RFC 3501 §6.4.4: the default
    SearchKey program;                  // the keys, ANDed
};
struct SearchArgsError {
    std::string message;
    bool unknown_charset = false;  // answered NO [BADCHARSET], not BAD
};
// SEARCH [CHARSET SP astring SP] search-key *(SP search-key). Search strings come back in
// UTF-8, case-folded. Any charset iconv knows is accepted, as Dovecot accepts them.
Result<SearchArgs, SearchArgsError> parse_search(const std::vector<Token>& args);

}  // namespace roost::imap::proto
