// The Maildir++ MailStore: INBOX is the root directory, other mailboxes are ".Name"
// directories beside its cur/ new/ tmp/ (see folder_name.hpp), and one SQLite index per user
// lives at <root>/roost-index.sqlite (a plain file, so no listing mistakes it for a folder).
#pragma once

#include <memory>
#include <string>

#include "storage/index/mail_index.hpp"
#include "storage/mail_store.hpp"
#include "storage/maildir/folder_name.hpp"

namespace roost::storage::maildir {

inline constexpr const char* kIndexFileName = "roost-index.sqlite";

class MaildirStore final : public MailStore {
public:
    MaildirStore(std::string root, std::shared_ptr<index::MailIndex> index)
        : root_(std::move(root)), index_(std::move(index)) {}

    SResult<std::vector<MailboxEntry>> list() override;
    SResult<void> create(std::string_view name) override;
    SResult<std::unique_ptr<Mailbox>> open(std::string_view name, bool read_only) override;
    SResult<MailboxStatus> status(std::string_view name) override;
    SResult<AppendedMessage> append(std::string_view name, std::string_view message, uint32_t flags,
                                    const std::vector<std::string>& keywords, int64_t internal_date) override;
    SResult<void> remove(std::string_view name) override;  // maildir_hierarchy.cpp
    SResult<void> rename(std::string_view from, std::string_view to) override;  // maildir_hierarchy.cpp
    SResult<std::vector<std::string>> subscriptions() override;
    SResult<void> set_subscribed(std::string_view name, bool subscribed) override;

private:
    std::string folder_path(const FolderName& name) const;
    // The resolved name of an existing mailbox, or NotFound / InvalidName.
    SResult<FolderName> existing(std::string_view name) const;
    SResult<void> rename_inbox(const FolderName& to);

    std::string root_;
    std::shared_ptr<index::MailIndex> index_;
};

}  // namespace roost::storage::maildir
