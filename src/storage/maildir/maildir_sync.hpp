// One sync of a Maildir folder against the index: the step that turns files into UIDs.
//
//  1. new/ -> cur/ (see move_new_to_cur);
//  2. scan cur/ and new/; CRLF sizes and line ends of files the index does not know yet are
//     computed here, before the lock (",W=" in the name spares reading more than the last
//     byte), and so are the line ends of rows from index schema 1 (last byte only);
//  3. BEGIN IMMEDIATE, then: files unknown to the index get UIDs from UIDNEXT in arrival order
//     (mtime, then name); flags read from a file name replace the index's (another program
//     renamed the file); rows whose files are gone are deleted, after a second scan under the
//     lock confirms it (a concurrent rename can hide a file from one readdir); with
//     claim_recent the \Recent floor rises to UIDNEXT; COMMIT.
// Because UIDs are handed out only inside the write transaction and the base name is UNIQUE
// per mailbox, two sessions syncing at once never give one file two UIDs or two files one UID.
#pragma once

#include <string>
#include <vector>

#include "storage/index/mail_index.hpp"
#include "storage/mail_store.hpp"

namespace roost::storage::maildir {

struct SyncedMessage {
    index::MessageRecord record;
    std::string relative_path;  // "cur/<file name>" at the time of the scan
};

struct FolderSnapshot {
    index::MailboxRecord mailbox;       // after the sync
    uint32_t floor_before_claim = 1;    // the \Recent floor before this sync raised it
    std::vector<SyncedMessage> messages;  // ascending UID
};

// Inside an open index transaction: gives a message file that was just put into the folder
// (APPEND, COPY) its UID from the mailbox's UIDNEXT, which it advances; the caller then
// stores the mailbox record and commits. A concurrent sync may have found the file first
// and given it a UID already: that one is kept, with `message`'s flags and keywords.
SResult<uint32_t> index_new_message(index::MailIndex& idx, index::MailboxRecord& mailbox,
                                    index::MessageRecord message);

SResult<FolderSnapshot> sync_folder(index::MailIndex& idx, const std::string& mailbox_name,
                                    const std::string& folder_path, bool claim_recent);

}  // namespace roost::storage::maildir
