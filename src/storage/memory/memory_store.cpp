#include "storage/memory/memory_store.hpp"

#include <algorithm>
#include <ctime>
#include <map>
#include <mutex>
#include <set>

#include "base/strings.hpp"
#include "mail/message.hpp"
#include "storage/maildir/folder_name.hpp"

namespace roost::storage::memory {
namespace {

constexpr uint32_t kAllFlags = kSeen | kAnswered | kFlagged | kDeleted | kDraft;

struct StoredMessage {
    MessageInfo info;
    std::string content;  // CRLF line ends, exactly info.size octets
    std::map<std::string, std::string, std::less<>> cached_fields;
};

struct StoredMailbox {
    uint32_t uidvalidity = 0;
    uint32_t uidnext = 1;
    uint32_t recent_floor = 1;  // as index::MailboxRecord::recent_floor
    std::vector<StoredMessage> messages;  // ascending UID

    StoredMessage* find(uint32_t uid) {
        auto it = std::lower_bound(messages.begin(), messages.end(), uid,
                                   [](const StoredMessage& m, uint32_t u) { return m.info.uid < u; });
        return (it != messages.end() && it->info.uid == uid) ? &*it : nullptr;
    }
    // Gives `message` the next UID and stores it.
    uint32_t add(StoredMessage message) {
        message.info.uid = uidnext++;
        messages.push_back(std::move(message));
        return messages.back().info.uid;
    }
};

Failure not_found(const std::string& name) { return Failure{ErrorCode::NotFound, "mailbox " + name + " does not exist"}; }

Failure already_exists(const std::string& name) {
    return Failure{ErrorCode::AlreadyExists, "mailbox " + name + " already exists"};
}

Failure no_such_message(uint32_t uid) {
    return Failure{ErrorCode::NoSuchMessage, "message UID " + std::to_string(uid) + " no longer exists"};
}

bool is_below(const std::string& name, const std::string& parent) {
    return name.size() > parent.size() + 1 && name.compare(0, parent.size(), parent) == 0 &&
           name[parent.size()] == MailStore::kSeparator;
}

SResult<std::string> canonical_name(std::string_view name) {
    auto resolved = maildir::resolve_folder_name(name);
    if (!resolved) return resolved.error();
    return std::move(resolved->name);
}

}  // namespace

class MemoryMail {
public:
    MemoryMail() { mailboxes_["INBOX"] = new_mailbox(); }

    std::mutex mutex;

    // Callers hold `mutex` for everything below.
    std::shared_ptr<StoredMailbox> find(const std::string& name) const {
        auto it = mailboxes_.find(name);
        return it == mailboxes_.end() ? nullptr : it->second;
    }
    std::shared_ptr<StoredMailbox> new_mailbox() {
        // As the index does: the current time, but always above every value handed out, so a
        // mailbox deleted and created again within a second still changes it.
        auto mailbox = std::make_shared<StoredMailbox>();
        last_uidvalidity_ = std::max(static_cast<uint32_t>(std::time(nullptr)), last_uidvalidity_ + 1);
        mailbox->uidvalidity = last_uidvalidity_;
        return mailbox;
    }
    std::map<std::string, std::shared_ptr<StoredMailbox>>& mailboxes() { return mailboxes_; }
    std::vector<std::string>& subscriptions() { return subscriptions_; }

private:
    std::map<std::string, std::shared_ptr<StoredMailbox>> mailboxes_;  // by canonical name
    std::vector<std::string> subscriptions_;
    uint32_t last_uidvalidity_ = 0;
};

namespace {

class MemoryMailbox final : public Mailbox {
public:
    MemoryMailbox(std::shared_ptr<MemoryMail> mail, std::string name, bool read_only)
        : mail_(std::move(mail)), name_(std::move(name)), read_only_(read_only) {}

    const std::string& name() const override { return name_; }
    bool read_only() const override { return read_only_; }
    uint32_t uidvalidity() const override { return uidvalidity_; }
    uint32_t uidnext() const override { return uidnext_; }
    const std::vector<MessageInfo>& messages() const override { return messages_; }
    const std::vector<std::string>& keywords() const override { return keywords_; }
    bool is_recent(uint32_t uid) const override { return recent_.count(uid) != 0; }

    SResult<SyncChanges> sync() override {
        std::lock_guard lock(mail_->mutex);
        auto stored = mail_->find(name_);
        // Deleted, renamed away, or deleted and created again: this view's mailbox is gone.
        if (!stored || (stored_ && stored != stored_)) return not_found(name_);
        stored_ = stored;

        std::map<uint32_t, const MessageInfo*> old;
        for (const auto& m : messages_) old[m.uid] = &m;
        SyncChanges changes;
        std::vector<MessageInfo> fresh;
        fresh.reserve(stored->messages.size());
        for (const auto& sm : stored->messages) {
            auto it = old.find(sm.info.uid);
            if (it == old.end()) {
                ++changes.added;
            } else {
                if (it->second->flags != sm.info.flags || it->second->keywords != sm.info.keywords)
                    changes.flags_changed.push_back(sm.info.uid);
                old.erase(it);
            }
            note_keywords(sm.info.keywords);
            fresh.push_back(sm.info);
        }
        for (const auto& [uid, info] : old) {
            changes.expunged.push_back(uid);
            recent_.erase(uid);
        }
        messages_ = std::move(fresh);
        uidvalidity_ = stored->uidvalidity;
        uidnext_ = stored->uidnext;

        // RFC 3501 §2.3.2: a read-write session claims the unclaimed messages for itself; a
        // read-only one shows them as recent without claiming them.
        const uint32_t floor_before_claim = stored->recent_floor;
        if (read_only_)
            recent_.clear();
        else
            stored->recent_floor = stored->uidnext;
        for (const auto& m : messages_)
            if (m.uid >= floor_before_claim) recent_.insert(m.uid);
        return changes;
    }

    SResult<std::string> read(uint32_t uid) override {
        if (find_in_view(uid) == nullptr) return no_such_message(uid);
        std::lock_guard lock(mail_->mutex);
        StoredMessage* stored = stored_->find(uid);
        if (stored == nullptr) return no_such_message(uid);
        return stored->content;
    }

    SResult<std::optional<std::string>> cached_field(uint32_t uid, std::string_view key) override {
        if (find_in_view(uid) == nullptr) return std::optional<std::string>();
        std::lock_guard lock(mail_->mutex);
        StoredMessage* stored = stored_->find(uid);
        if (stored == nullptr) return std::optional<std::string>();
        auto it = stored->cached_fields.find(key);
        if (it == stored->cached_fields.end()) return std::optional<std::string>();
        return std::optional<std::string>(it->second);
    }

    SResult<void> store_cached_field(uint32_t uid, std::string_view key, std::string_view value) override {
        if (find_in_view(uid) == nullptr) return no_such_message(uid);
        std::lock_guard lock(mail_->mutex);
        // Expunged meanwhile: nothing to keep it for (as the index ignores it).
        if (StoredMessage* stored = stored_->find(uid)) stored->cached_fields[std::string(key)] = std::string(value);
        return {};
    }

    SResult<void> set_flags(uint32_t uid, uint32_t flags, const std::vector<std::string>& keywords) override {
        if (read_only_) return read_only_failure();
        MessageInfo* info = find_in_view(uid);
        if (info == nullptr) return no_such_message(uid);
        flags &= kAllFlags;
        {
            std::lock_guard lock(mail_->mutex);
            StoredMessage* stored = stored_->find(uid);
            if (stored == nullptr) return no_such_message(uid);
            stored->info.flags = flags;
            stored->info.keywords = keywords;
        }
        info->flags = flags;
        info->keywords = keywords;
        note_keywords(keywords);
        return {};
    }

    SResult<std::vector<uint32_t>> expunge(const std::vector<uint32_t>& uids) override {
        if (read_only_) return read_only_failure();
        std::set<uint32_t> gone;
        for (uint32_t uid : uids)
            if (find_in_view(uid) != nullptr) gone.insert(uid);
        {
            std::lock_guard lock(mail_->mutex);
            // A message another session expunged first counts as removed, as on the Maildir.
            auto& stored = stored_->messages;
            stored.erase(std::remove_if(stored.begin(), stored.end(),
                                        [&gone](const StoredMessage& m) { return gone.count(m.info.uid) != 0; }),
                         stored.end());
        }
        messages_.erase(std::remove_if(messages_.begin(), messages_.end(),
                                       [&gone](const MessageInfo& m) { return gone.count(m.uid) != 0; }),
                        messages_.end());
        for (uint32_t uid : gone) recent_.erase(uid);
        return std::vector<uint32_t>(gone.begin(), gone.end());
    }

    SResult<CopiedMessages> copy_to(const std::vector<uint32_t>& uids, std::string_view target_name) override {
        auto target_canonical = canonical_name(target_name);
        if (!target_canonical) return target_canonical.error();
        std::lock_guard lock(mail_->mutex);
        auto target = mail_->find(*target_canonical);
        if (!target) return not_found(*target_canonical);
        // All or nothing: every message is found before any is copied.
        std::vector<StoredMessage> copies;
        for (uint32_t uid : uids) {
            StoredMessage* source = find_in_view(uid) != nullptr ? stored_->find(uid) : nullptr;
            if (source == nullptr) return no_such_message(uid);
            copies.push_back(*source);
        }
        CopiedMessages copied;
        copied.uidvalidity = target->uidvalidity;
        for (auto& copy : copies) {
            copied.source_uids.push_back(copy.info.uid);
            copied.target_uids.push_back(target->add(std::move(copy)));
        }
        return copied;
    }

private:
    MessageInfo* find_in_view(uint32_t uid) {
        auto it = std::lower_bound(messages_.begin(), messages_.end(), uid,
                                   [](const MessageInfo& m, uint32_t u) { return m.uid < u; });
        return (it != messages_.end() && it->uid == uid) ? &*it : nullptr;
    }

    Failure read_only_failure() const { return Failure{ErrorCode::Io, "mailbox " + name_ + " is open read-only"}; }

    void note_keywords(const std::vector<std::string>& keywords) {
        for (const auto& keyword : keywords) {
            bool known = std::any_of(keywords_.begin(), keywords_.end(),
                                     [&keyword](const std::string& k) { return iequals(k, keyword); });
            if (!known) keywords_.push_back(keyword);
        }
    }

    std::shared_ptr<MemoryMail> mail_;
    std::string name_;
    bool read_only_;
    // The mailbox as first opened; set by the first sync (under the mutex), never changed.
    std::shared_ptr<StoredMailbox> stored_;
    uint32_t uidvalidity_ = 0;
    uint32_t uidnext_ = 1;
    std::vector<MessageInfo> messages_;
    std::vector<std::string> keywords_;  // see Mailbox::keywords()
    std::set<uint32_t> recent_;
};

class MemoryStore final : public MailStore {
public:
    explicit MemoryStore(std::shared_ptr<MemoryMail> mail) : mail_(std::move(mail)) {}

    SResult<std::vector<MailboxEntry>> list() override {
        std::lock_guard lock(mail_->mutex);
        const auto& mailboxes = mail_->mailboxes();
        std::vector<MailboxEntry> out;
        // INBOX first, then the others in byte order, as the Maildir lists them.
        auto add = [&out, &mailboxes](const std::string& name) {
            MailboxEntry entry{name, false};
            auto next = mailboxes.upper_bound(name);
            // Every name below `name` begins with it, so it sorts among those right after it.
            for (; next != mailboxes.end() && next->first.compare(0, name.size(), name) == 0; ++next)
                if (is_below(next->first, name)) entry.has_children = true;
            out.push_back(std::move(entry));
        };
        add("INBOX");
        for (const auto& [name, mailbox] : mailboxes)
            if (name != "INBOX") add(name);
        return out;
    }

    SResult<void> create(std::string_view name) override {
        auto canonical = canonical_name(name);
        if (!canonical) return canonical.error();
        std::lock_guard lock(mail_->mutex);
        if (mail_->find(*canonical)) return already_exists(*canonical);
        mail_->mailboxes()[*canonical] = mail_->new_mailbox();
        return {};
    }

    SResult<std::unique_ptr<Mailbox>> open(std::string_view name, bool read_only) override {
        auto canonical = existing(name);
        if (!canonical) return canonical.error();
        auto mailbox = std::make_unique<MemoryMailbox>(mail_, std::move(*canonical), read_only);
        if (auto r = mailbox->sync(); !r) return r.error();
        return std::unique_ptr<Mailbox>(std::move(mailbox));
    }

    SResult<MailboxStatus> status(std::string_view name) override {
        auto canonical = canonical_name(name);
        if (!canonical) return canonical.error();
        std::lock_guard lock(mail_->mutex);
        auto mailbox = mail_->find(*canonical);
        if (!mailbox) return not_found(*canonical);
        // Never claims \Recent (RFC 3501 §6.3.10).
        MailboxStatus status;
        status.messages = static_cast<uint32_t>(mailbox->messages.size());
        for (const auto& m : mailbox->messages) {
            if (m.info.uid >= mailbox->recent_floor) ++status.recent;
            if (!(m.info.flags & kSeen)) ++status.unseen;
        }
        status.uidnext = mailbox->uidnext;
        status.uidvalidity = mailbox->uidvalidity;
        return status;
    }

    SResult<AppendedMessage> append(std::string_view name, std::string_view message, uint32_t flags,
                                    const std::vector<std::string>& keywords, int64_t internal_date) override {
        auto canonical = canonical_name(name);
        if (!canonical) return canonical.error();
        StoredMessage stored;
        stored.content = mail::to_crlf(message);
        stored.info.flags = flags & kAllFlags;
        stored.info.keywords = keywords;
        stored.info.size = stored.content.size();
        stored.info.internal_date = internal_date;
        stored.info.ends_with_newline = message.empty() || message.back() == '\n';
        std::lock_guard lock(mail_->mutex);
        auto mailbox = mail_->find(*canonical);
        if (!mailbox) return not_found(*canonical);
        uint32_t uid = mailbox->add(std::move(stored));
        return AppendedMessage{mailbox->uidvalidity, uid};
    }

    SResult<void> remove(std::string_view name) override {
        auto canonical = canonical_name(name);
        if (!canonical) return canonical.error();
        std::lock_guard lock(mail_->mutex);
        // Only the mailbox itself goes: its children keep the name alive as a parent.
        if (!mail_->find(*canonical)) return not_found(*canonical);
        if (*canonical == "INBOX") return Failure{ErrorCode::InvalidName, "INBOX can't be deleted"};
        mail_->mailboxes().erase(*canonical);
        return {};
    }

    SResult<void> rename(std::string_view from_name, std::string_view to_name) override {
        auto from = canonical_name(from_name);
        if (!from) return from.error();
        auto to = canonical_name(to_name);
        if (!to) return to.error();
        if (*from == *to || *to == "INBOX") return already_exists(*to);
        if (is_below(*to, *from))
            return Failure{ErrorCode::InvalidName, "can't rename mailbox " + *from + " under its own child"};
        std::lock_guard lock(mail_->mutex);
        auto& mailboxes = mail_->mailboxes();
        if (mail_->find(*to)) return already_exists(*to);
        if (*from == "INBOX") return rename_inbox(*to);

        // The mailbox itself (when it exists) and every one below it, each checked first so
        // that a refusal changes nothing.
        std::vector<std::pair<std::string, std::string>> moves;
        for (const auto& [name, mailbox] : mailboxes) {
            if (name != *from && !is_below(name, *from)) continue;
            auto target = canonical_name(*to + name.substr(from->size()));
            if (!target) return target.error();
            if (mail_->find(*target)) return already_exists(*target);
            moves.emplace_back(name, std::move(*target));
        }
        if (moves.empty()) return not_found(*from);
        for (const auto& [source, target] : moves) {
            auto node = mailboxes.extract(source);
            node.key() = target;
            mailboxes.insert(std::move(node));
        }
        return {};
    }

    SResult<std::vector<std::string>> subscriptions() override {
        std::lock_guard lock(mail_->mutex);
        return mail_->subscriptions();
    }

    SResult<void> set_subscribed(std::string_view name, bool subscribed) override {
        auto canonical = canonical_name(name);
        if (!canonical) return canonical.error();
        std::lock_guard lock(mail_->mutex);
        auto& names = mail_->subscriptions();
        auto it = std::find(names.begin(), names.end(), *canonical);
        if ((it != names.end()) == subscribed) return {};
        if (subscribed)
            names.push_back(std::move(*canonical));
        else
            names.erase(it);
        return {};
    }

private:
    SResult<std::string> existing(std::string_view name) {
        auto canonical = canonical_name(name);
        if (!canonical) return canonical.error();
        std::lock_guard lock(mail_->mutex);
        if (!mail_->find(*canonical)) return not_found(*canonical);
        return canonical;
    }

    // RFC 3501 §6.3.5: INBOX's messages move to a new mailbox (new UIDs and UIDVALIDITY,
    // flags, keywords and INTERNALDATE kept) and INBOX stays, empty, with its UIDNEXT.
    // The caller holds the mutex and has checked that `to` does not exist.
    SResult<void> rename_inbox(const std::string& to) {
        auto target = mail_->new_mailbox();
        auto inbox = mail_->find("INBOX");
        for (auto& message : inbox->messages) target->add(std::move(message));
        inbox->messages.clear();
        mail_->mailboxes()[to] = std::move(target);
        return {};
    }

    std::shared_ptr<MemoryMail> mail_;
};

}  // namespace

std::shared_ptr<MemoryMail> new_memory_mail() { return std::make_shared<MemoryMail>(); }

std::unique_ptr<MailStore> open_memory_store(std::shared_ptr<MemoryMail> mail) {
    return std::make_unique<MemoryStore>(std::move(mail));
}

}  // namespace roost::storage::memory
