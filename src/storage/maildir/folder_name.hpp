// Mailbox names (UTF-8, '.' between levels) <-> Maildir++ folder directories.
//
// "INBOX" in any case is the Maildir root; every other mailbox is the directory "." + the
// name in RFC 3501 §5.1.3 modified UTF-7 (as Dovecot names them), e.g. "Archive.2024" ->
// ".Archive.2024". A name is refused (InvalidName) when it could leave the Maildir or could
// not be stored faithfully:
//   - '/' or NUL anywhere (a path separator or a C-string terminator);
//   - an empty level: an empty name, a leading or trailing '.', or "..": so no component can
//     be "." or "..", and no name can begin with '.' (which would also collide with dotfiles);
//   - control characters (0x00-0x1f, 0x7f) and invalid UTF-8 (no faithful round trip);
//   - an on-disk name longer than NAME_MAX (255 bytes).
//   - a leading '~' (refused by Dovecot too); '~' elsewhere is an ordinary byte.
// The first level "INBOX" is case-insensitive (RFC 3501 §5.1), so "inbox.Sub" is "INBOX.Sub".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "storage/mail_store.hpp"

namespace roost::storage::maildir {

struct FolderName {
    std::string name;      // canonical UTF-8 name ("INBOX" for the root), the index key
    std::string dir_name;  // "" for INBOX, else ".<mUTF-7 name>"
    bool is_inbox() const { return dir_name.empty(); }
};

SResult<FolderName> resolve_folder_name(std::string_view name);

// The mailbox name of a directory entry in the Maildir root, or nullopt when the entry is not
// a folder Roost would have made (bad mUTF-7, a refused name, a non-canonical spelling).
std::optional<std::string> folder_name_from_dir(std::string_view dir_entry);

}  // namespace roost::storage::maildir
