// Maildir file names as Dovecot writes them: BASE[:2,INFO].
//   BASE  unique id, e.g. "1733245932.M123456P4242Q1.host,S=2048,W=2101"; the optional
//         ",S=<physical size>" and ",W=<size with CRLF line ends>" fields follow its first ','.
//   INFO  after ":2,": one letter per flag in ASCII order — D Draft, F Flagged, P Passed,
//         R Replied (\Answered), S Seen, T Trashed (\Deleted) — then keyword letters a-z.
// P, keyword letters and unknown letters are kept verbatim so that rewriting the name for a
// flag change never drops information another program (or issue 4's keyword map) relies on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace roost::storage::maildir {

struct MaildirFilename {
    std::string base;
    uint32_t flags = 0;                  // storage::Flag bits from the system letters
    std::string other_letters;           // P, a-z and unknown letters, as found
    bool has_info = false;               // the name carried ":2,"
    std::optional<uint64_t> file_size;   // ,S=
    std::optional<uint64_t> crlf_size;   // ,W=
};

// nullopt for names that are not messages: empty, dotfiles, an empty base, info that is not
// ":2," (the experimental ":1," semantics are undefined), or non-letters among the flags.
std::optional<MaildirFilename> parse_maildir_filename(std::string_view name);

// BASE:2,LETTERS with the letters (system + other) sorted and without duplicates.
std::string build_maildir_filename(std::string_view base, uint32_t flags, std::string_view other_letters);

// The flag letters alone, sorted: "FS" for kFlagged|kSeen plus the other letters.
std::string maildir_flag_letters(uint32_t flags, std::string_view other_letters);

}  // namespace roost::storage::maildir
