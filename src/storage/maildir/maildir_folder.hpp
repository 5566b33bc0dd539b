// File-system work on one Maildir folder (the root for INBOX or a ".Name" directory):
// scanning new/ and cur/, moving new mail to cur/, durable delivery through tmp/, and
// reading a message. Blocking calls: run them off the event loop.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/mail_store.hpp"
#include "storage/maildir/folder_name.hpp"
#include "storage/maildir/maildir_filename.hpp"

namespace roost::storage::maildir {

struct DiskMessage {
    std::string subdir;     // "cur" or "new"
    std::string file_name;  // full name inside subdir
    MaildirFilename parsed;
    int64_t mtime = 0;
    uint64_t file_size = 0;

    std::string relative_path() const { return subdir + "/" + file_name; }
};

// An Io failure, logged with component "storage".
Failure io_failure(std::string message);

// Creates cur/ new/ tmp/ (and the Maildir++ "maildirfolder" marker unless it is the root).
SResult<void> create_folder_dirs(const std::string& folder, bool maildirfolder_marker);
// Symlinks do not count: a ".Name" link could lead out of the Maildir. (The root itself may be
// a symlink an administrator made; callers check only the levels below it.)
bool is_real_directory(const std::string& path);
bool folder_exists(const std::string& folder);

// The directory of a mailbox under the Maildir root `root`.
std::string folder_path(const std::string& root, const FolderName& name);
// The resolved name of an existing mailbox, or NotFound / InvalidName.
SResult<FolderName> existing_folder(const std::string& root, std::string_view name);

// Renames every message in new/ to cur/NAME:2, (Dovecot does this on every sync; where a
// message lives is invisible to clients, and \Recent is kept in the index instead). A file
// another session moved first is skipped.
void move_new_to_cur(const std::string& folder);

// Every message file in cur/ and new/ (dotfiles, tmp/, symlinks and non-regular files
// skipped). When one
// base appears twice (a rename caught halfway), the cur/ entry wins. Order: unspecified.
SResult<std::vector<DiskMessage>> scan_messages(const std::string& folder);

// What the index keeps about a file's content: its size with CRLF line ends (RFC 3501
// RFC822.SIZE) and whether it ends with a line break (MessageInfo::ends_with_newline).
struct ContentMeasure {
    uint64_t crlf_size = 0;
    bool ends_with_newline = true;
};
ContentMeasure measure_content(std::string_view content);
// Reads only the file's last byte (true for an empty file). NoSuchMessage when it is gone.
SResult<bool> file_ends_with_newline(const std::string& path);
// From the file. With `known_crlf_size` (a ",W=" field) only the last byte is read (pread),
// else the whole file once. NoSuchMessage when the file is gone.
SResult<ContentMeasure> measure_file(const std::string& path, std::optional<uint64_t> known_crlf_size);

// Dovecot-style unique base "<secs>.M<usecs>P<pid>Q<n>.<host>,S=<size>,W=<crlf size>".
std::string make_unique_base(uint64_t file_size, uint64_t crlf_size);

// tmp/ -> fsync -> mtime := internal_date -> rename into cur/ with the flags -> fsync cur/.
// Returns the base name; the file is durable when this returns.
SResult<std::string> deliver_message(const std::string& folder, std::string_view message, uint32_t flags,
                                     int64_t internal_date);

}  // namespace roost::storage::maildir
