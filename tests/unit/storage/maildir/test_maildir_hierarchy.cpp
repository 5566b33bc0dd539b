// storage/maildir: COPY by hard link and all-or-nothing, RENAME of INBOX and of a subtree,
// DELETE, and the subscriptions file in Dovecot 2.3's format (so migrated users keep theirs).
#include <catch2/catch.hpp>

#include <filesystem>
#include <sys/stat.h>

#include "storage/mail_store.hpp"
#include "storage/maildir/subscriptions_file.hpp"
#include "unit/storage/temp_maildir.hpp"

using namespace roost::storage;
using roost::test::open_store;
using roost::test::TempMaildir;

namespace {

const std::string kMessage = "Subject: m\n\nbody\n";

std::vector<std::string> files_in(const std::string& dir) {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir)) out.push_back(e.path().string());
    return out;
}

}  // namespace

TEST_CASE("maildir copy: a hard link with the flags in its name, keywords and INTERNALDATE kept") {
    TempMaildir dir;
    auto store = open_store(dir);
    REQUIRE(store->create("dest").ok());
    REQUIRE(store->append("INBOX", kMessage, kSeen | kFlagged, {"$Work"}, 1577882096).ok());
    auto inbox = store->open("INBOX", true);
    REQUIRE(inbox.ok());
    auto copied = (*inbox)->copy_to({1}, "dest");
    REQUIRE(copied.ok());
    CHECK(copied->source_uids == std::vector<uint32_t>{1});
    CHECK(copied->target_uids == std::vector<uint32_t>{1});
    auto copies = files_in(dir.root() + "/.dest/cur");
    REQUIRE(copies.size() == 1);
    CHECK(copies[0].substr(copies[0].size() - 5) == ":2,FS");
    struct stat st {};
    REQUIRE(::stat(copies[0].c_str(), &st) == 0);
    CHECK(st.st_nlink == 2);  // same file system: linked, not copied
    auto dest = store->open("dest", false);
    REQUIRE(dest.ok());
    REQUIRE((*dest)->messages().size() == 1);
    const MessageInfo& info = (*dest)->messages()[0];
    CHECK(info.flags == (kSeen | kFlagged));
    CHECK(info.keywords == std::vector<std::string>{"$Work"});
    CHECK(info.internal_date == 1577882096);
    CHECK((*dest)->is_recent(info.uid));
    CHECK(*(*dest)->read(info.uid) == "Subject: m\r\n\r\nbody\r\n");
}

TEST_CASE("maildir copy: all or nothing, and NotFound for a missing target") {
    TempMaildir dir;
    auto store = open_store(dir);
    REQUIRE(store->create("dest").ok());
    REQUIRE(store->append("INBOX", kMessage, 0, {}, 1577882096).ok());
    auto inbox = store->open("INBOX", false);
    REQUIRE(inbox.ok());
    CHECK((*inbox)->copy_to({1}, "nosuch").error().code == ErrorCode::NotFound);
    auto failed = (*inbox)->copy_to({1, 7}, "dest");  // UID 7 is not in the view
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().code == ErrorCode::NoSuchMessage);
    CHECK(files_in(dir.root() + "/.dest/cur").empty());
    CHECK(store->status("dest")->messages == 0);
}

TEST_CASE("maildir rename: a subtree moves with its UIDVALIDITY; INBOX's messages move out") {
    TempMaildir dir;
    auto store = open_store(dir);
    REQUIRE(store->create("a").ok());
    REQUIRE(store->create("a.b").ok());
    REQUIRE(store->append("a.b", kMessage, kSeen, {}, 1577882096).ok());
    uint32_t uidvalidity = store->status("a.b")->uidvalidity;
    REQUIRE(store->rename("a", "x.y").ok());
    CHECK(std::filesystem::is_directory(dir.root() + "/.x.y.b/cur"));
    CHECK_FALSE(std::filesystem::exists(dir.root() + "/.a.b"));
    CHECK(store->status("x.y.b")->uidvalidity == uidvalidity);
    CHECK(store->status("x.y.b")->messages == 1);
    CHECK(store->rename("x.y", "x.y.z").error().code == ErrorCode::InvalidName);
    CHECK(store->rename("nosuch", "q").error().code == ErrorCode::NotFound);

    REQUIRE(store->append("INBOX", kMessage, kAnswered, {"Work"}, 1577882096).ok());
    REQUIRE(store->rename("INBOX", "Old").ok());
    CHECK(store->status("INBOX")->messages == 0);
    CHECK(store->status("INBOX")->uidnext == 2);  // UIDs are never reused
    auto old = store->open("Old", true);
    REQUIRE(old.ok());
    REQUIRE((*old)->messages().size() == 1);
    CHECK((*old)->messages()[0].flags == kAnswered);
    CHECK((*old)->messages()[0].keywords == std::vector<std::string>{"Work"});
    CHECK(store->rename("INBOX", "Old").error().code == ErrorCode::AlreadyExists);
}

TEST_CASE("maildir delete: the folder goes, its children stay, INBOX cannot go") {
    TempMaildir dir;
    auto store = open_store(dir);
    REQUIRE(store->create("a").ok());
    REQUIRE(store->create("a.b").ok());
    REQUIRE(store->remove("a").ok());
    CHECK_FALSE(std::filesystem::exists(dir.root() + "/.a"));
    CHECK(std::filesystem::is_directory(dir.root() + "/.a.b"));
    CHECK(store->remove("a").error().code == ErrorCode::NotFound);
    CHECK(store->remove("INBOX").error().code == ErrorCode::InvalidName);
    for (const auto& entry : std::filesystem::directory_iterator(dir.root()))
        CHECK(entry.path().filename().string().rfind("..roost-deleted", 0) != 0);
}

TEST_CASE("subscriptions file: Dovecot 2.3's format both ways, and the older one read") {
    using roost::storage::maildir::format_subscriptions;
    using roost::storage::maildir::parse_subscriptions;
    CHECK(format_subscriptions({"INBOX", "Archive.2024", "\xC3\xA9t\xC3\xA9"}) == "V\t2\n\nINBOX\nArchive\t2024\n&AOk-t&AOk-\n");
    CHECK(parse_subscriptions("V\t2\n\nINBOX\nArchive\t2024\n&AOk-t&AOk-\n") ==
          std::vector<std::string>{"INBOX", "Archive.2024", "\xC3\xA9t\xC3\xA9"});
    // Version 1 (no header, '.' between levels), CRLF, duplicates and invalid names.
    CHECK(parse_subscriptions("inbox\r\nSent\nSent\n.bad\nbad&AOk\n") == std::vector<std::string>{"INBOX", "Sent"});
    CHECK(parse_subscriptions("") == std::vector<std::string>{});
}
