// storage/maildir: the MailStore/Mailbox contract over a real Maildir in a temp dir —
// folders, APPEND and reading with CRLF sizes (RFC 3501 §2.3.4 RFC822.SIZE), new/ -> cur/,
// UIDs (RFC 3501 §2.3.1.1: stable, ascending, never reused), flags kept in file names.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fcntl.h>
#include <sys/stat.h>

#include "mail/message.hpp"
#include "storage/mail_store.hpp"
#include "unit/storage/temp_maildir.hpp"

using namespace roost::storage;
using roost::test::open_box;
using roost::test::uids_of;
using roost::test::open_store;
using roost::test::TempMaildir;

namespace {

const std::string kLfMessage = "From: a@example.org\nSubject: lf\n\nline one\nline two\n";
const std::string kCrlfMessage = "From: a@example.org\r\nSubject: crlf\r\n\r\nbody\r\n";

}  // namespace

TEST_CASE("store: a fresh Maildir lists only INBOX; CREATE adds Maildir++ folders") {
    TempMaildir dir;
    auto store = open_store(dir);
    auto list = store->list();
    REQUIRE(list.ok());
    REQUIRE(list->size() == 1);
    CHECK((*list)[0].name == "INBOX");
    CHECK_FALSE((*list)[0].has_children);

    REQUIRE(store->create("Archive").ok());
    REQUIRE(store->create("Archive.2024").ok());
    REQUIRE(store->create("Entw\xC3\xBCrfe").ok());
    CHECK(std::filesystem::is_directory(dir.root() + "/.Archive.2024/cur"));
    CHECK(std::filesystem::is_directory(dir.root() + "/.Archive.2024/tmp"));
    CHECK(std::filesystem::exists(dir.root() + "/.Archive.2024/maildirfolder"));
    CHECK(std::filesystem::is_directory(dir.root() + "/.Entw&APw-rfe/new"));

    list = store->list();
    REQUIRE(list.ok());
    REQUIRE(list->size() == 4);
    CHECK((*list)[0].name == "INBOX");
    CHECK((*list)[1].name == "Archive");
    CHECK((*list)[1].has_children);
    CHECK((*list)[2].name == "Archive.2024");
    CHECK_FALSE((*list)[2].has_children);
    CHECK((*list)[3].name == "Entw\xC3\xBCrfe");
}

TEST_CASE("store: CREATE of an existing mailbox or INBOX is AlreadyExists; unknown is NotFound") {
    TempMaildir dir;
    auto store = open_store(dir);
    REQUIRE(store->create("Sent").ok());
    CHECK(store->create("Sent").error().code == ErrorCode::AlreadyExists);
    CHECK(store->create("inbox").error().code == ErrorCode::AlreadyExists);
    CHECK(store->open("Nope", false).error().code == ErrorCode::NotFound);
    CHECK(store->status("Nope").error().code == ErrorCode::NotFound);
    CHECK(store->append("Nope", kLfMessage, 0, {}, 1700000000).error().code == ErrorCode::NotFound);
}

TEST_CASE("store: names that try to leave the Maildir are InvalidName everywhere") {
    TempMaildir dir;
    auto store = open_store(dir);
    for (const char* bad : {"../x", "a/b", ".hidden", "..", "a..b", "x/../../etc"}) {
        CHECK(store->create(bad).error().code == ErrorCode::InvalidName);
        CHECK(store->open(bad, false).error().code == ErrorCode::InvalidName);
        CHECK(store->status(bad).error().code == ErrorCode::InvalidName);
        CHECK(store->append(bad, kLfMessage, 0, {}, 0).error().code == ErrorCode::InvalidName);
    }
    CHECK_FALSE(std::filesystem::exists(std::filesystem::path(dir.root()).parent_path() / "x"));
}

TEST_CASE("store: APPEND of LF and CRLF mail reads back with CRLF, exactly RFC822.SIZE octets") {
    TempMaildir dir;
    auto store = open_store(dir);
    auto first = store->append("INBOX", kLfMessage, kSeen, {"$Forwarded"}, 1700000000);
    auto second = store->append("INBOX", kCrlfMessage, 0, {}, 1700000100);
    REQUIRE(first.ok());
    REQUIRE(second.ok());
    CHECK(first->uid == 1);
    CHECK(second->uid == 2);
    // RFC 4315 APPENDUID names the UIDVALIDITY of the mailbox that got the message.
    auto status = store->status("INBOX");
    REQUIRE(status.ok());
    CHECK(first->uidvalidity == status->uidvalidity);

    // Dovecot-style names in cur/ with ,S= (bytes on disk) and ,W= (CRLF size), flags after :2,
    auto names = dir.files_in("cur");
    REQUIRE(names.size() == 2);
    bool found_lf = false;
    for (const auto& n : names) {
        if (n.find(",S=" + std::to_string(kLfMessage.size()) + ",W=" +
                   std::to_string(roost::mail::crlf_size(kLfMessage)) + ":2,S") != std::string::npos)
            found_lf = true;
    }
    CHECK(found_lf);
    CHECK(dir.files_in("tmp").empty());

    auto box = open_box(*store, "INBOX");
    REQUIRE(box->messages().size() == 2);
    const auto& m1 = box->messages()[0];
    CHECK(m1.uid == 1);
    CHECK(m1.flags == kSeen);
    CHECK(m1.keywords == std::vector<std::string>{"$Forwarded"});
    CHECK(m1.internal_date == 1700000000);
    auto body1 = box->read(1);
    REQUIRE(body1.ok());
    CHECK(*body1 == roost::mail::to_crlf(kLfMessage));
    CHECK(body1->size() == m1.size);
    auto body2 = box->read(2);
    REQUIRE(body2.ok());
    CHECK(*body2 == kCrlfMessage);
    CHECK(body2->size() == box->messages()[1].size);
    CHECK(box->read(99).error().code == ErrorCode::NoSuchMessage);
}

TEST_CASE("store: mail delivered to new/ moves to cur/ with ':2,' when a session syncs") {
    TempMaildir dir;
    auto store = open_store(dir);
    dir.put("new/1700000000.P1Q1.mx", kLfMessage, 1700000000);
    // Even EXAMINE moves it, as Dovecot does: where a file lives is invisible to clients.
    auto box = open_box(*store, "INBOX", true);
    CHECK(dir.files_in("new").empty());
    CHECK(dir.files_in("cur") == std::vector<std::string>{"1700000000.P1Q1.mx:2,"});
    REQUIRE(box->messages().size() == 1);
    CHECK(box->messages()[0].internal_date == 1700000000);
    CHECK(box->messages()[0].size == roost::mail::crlf_size(kLfMessage));
    CHECK(box->read(1).value() == roost::mail::to_crlf(kLfMessage));
}

TEST_CASE("store: UIDs follow arrival order (mtime, then name) and survive a restart") {
    TempMaildir dir;
    uint32_t uidvalidity = 0;
    {
        auto store = open_store(dir);
        dir.put("new/c", "C\n", 1700000300);
        dir.put("new/a", "A\n", 1700000100);
        dir.put("cur/b:2,S", "B\n", 1700000200);
        dir.put("cur/a2", "A2\n", 1700000100);  // same mtime as "a": name breaks the tie
        auto box = open_box(*store, "INBOX");
        CHECK(uids_of(*box) == std::vector<uint32_t>{1, 2, 3, 4});
        CHECK(box->read(1).value() == "A\r\n");
        CHECK(box->read(2).value() == "A2\r\n");
        CHECK(box->read(3).value() == "B\r\n");
        CHECK(box->read(4).value() == "C\r\n");
        CHECK(box->messages()[2].flags == kSeen);
        uidvalidity = box->uidvalidity();
        CHECK(uidvalidity != 0);
        CHECK(box->uidnext() == 5);
    }
    // A new store instance: what roostd sees after a restart.
    auto store = open_store(dir);
    auto box = open_box(*store, "INBOX");
    CHECK(box->uidvalidity() == uidvalidity);
    CHECK(box->uidnext() == 5);
    CHECK(uids_of(*box) == std::vector<uint32_t>{1, 2, 3, 4});
    CHECK(box->read(4).value() == "C\r\n");
    auto status = store->status("INBOX");
    REQUIRE(status.ok());
    CHECK(status->uidvalidity == uidvalidity);
    CHECK(status->messages == 4);
    CHECK(status->unseen == 3);
}

TEST_CASE("store: files another program adds get the next UIDs at the next sync") {
    TempMaildir dir;
    auto store = open_store(dir);
    REQUIRE(store->append("INBOX", kLfMessage, 0, {}, 1700000000).ok());
    auto box = open_box(*store, "INBOX");
    CHECK(uids_of(*box) == std::vector<uint32_t>{1});
    dir.put("new/1800000000.postfix", "Subject: later\n\nhi\n", 1800000000);
    dir.put("cur/1800000001.reader:2,F", "Subject: other\n\nho\n", 1800000001);
    // The view stays fixed until sync() (sequence numbers must not move under the client).
    CHECK(box->messages().size() == 1);
    auto changes = box->sync();
    REQUIRE(changes.ok());
    CHECK(changes->added == 2);
    CHECK(changes->expunged.empty());
    CHECK(uids_of(*box) == std::vector<uint32_t>{1, 2, 3});
    CHECK(box->messages()[2].flags == kFlagged);
    CHECK(box->uidnext() == 4);
}

TEST_CASE("store: flags in a file name renamed by another program win over the index") {
    TempMaildir dir;
    auto store = open_store(dir);
    dir.put("cur/1700000000.x:2,", kLfMessage, 1700000000);
    auto box = open_box(*store, "INBOX");
    REQUIRE(box->messages()[0].flags == 0);
    std::filesystem::rename(dir.root() + "/cur/1700000000.x:2,", dir.root() + "/cur/1700000000.x:2,RS");
    // read() finds the renamed file by its base name before any sync.
    CHECK(box->read(1).value() == roost::mail::to_crlf(kLfMessage));
    auto changes = box->sync();
    REQUIRE(changes.ok());
    CHECK(changes->flags_changed == std::vector<uint32_t>{1});
    CHECK(box->messages()[0].flags == (kSeen | kAnswered));
    CHECK(box->messages()[0].uid == 1);
}

TEST_CASE("store: set_flags renames the file with sorted letters and keeps foreign letters") {
    TempMaildir dir;
    auto store = open_store(dir);
    dir.put("cur/1700000000.y:2,Pa", kLfMessage, 1700000000);
    {
        auto box = open_box(*store, "INBOX");
        REQUIRE(box->set_flags(1, kSeen | kDeleted | kFlagged, {"Junk"}).ok());
        CHECK(box->messages()[0].flags == (kSeen | kDeleted | kFlagged));
        CHECK(dir.files_in("cur") == std::vector<std::string>{"1700000000.y:2,FPSTa"});
        auto again = box->sync();
        REQUIRE(again.ok());
        CHECK(again->flags_changed.empty());  // this session made the change itself
        CHECK(box->set_flags(42, kSeen, {}).error().code == ErrorCode::NoSuchMessage);
    }
    auto box = open_box(*store, "INBOX");
    CHECK(box->messages()[0].flags == (kSeen | kDeleted | kFlagged));
    CHECK(box->messages()[0].keywords == std::vector<std::string>{"Junk"});
}

TEST_CASE("store: a read-only open refuses changes") {
    TempMaildir dir;
    auto store = open_store(dir);
    REQUIRE(store->append("INBOX", kLfMessage, 0, {}, 1700000000).ok());
    auto box = open_box(*store, "INBOX", true);
    CHECK(box->read_only());
    CHECK_FALSE(box->set_flags(1, kSeen, {}).ok());
    CHECK_FALSE(box->expunge({1}).ok());
    CHECK(dir.files_in("cur").size() == 1);
}

TEST_CASE("store: EXPUNGE removes files and rows; UIDs are never reused (RFC 3501 §2.3.1.1)") {
    TempMaildir dir;
    auto store = open_store(dir);
    for (int i = 0; i < 3; ++i) REQUIRE(store->append("INBOX", kLfMessage, 0, {}, 1700000000 + i).ok());
    auto box = open_box(*store, "INBOX");
    auto removed = box->expunge({3, 1, 1, 77});
    REQUIRE(removed.ok());
    CHECK(*removed == std::vector<uint32_t>{1, 3});
    CHECK(uids_of(*box) == std::vector<uint32_t>{2});
    CHECK(dir.files_in("cur").size() == 1);
    auto appended = store->append("INBOX", kLfMessage, 0, {}, 1700000010);
    REQUIRE(appended.ok());
    CHECK(appended->uid == 4);
    auto other = open_store(dir);
    auto box2 = open_box(*other, "INBOX");
    CHECK(uids_of(*box2) == std::vector<uint32_t>{2, 4});
}

TEST_CASE("store: a file removed by another program is reported as expunged by sync") {
    TempMaildir dir;
    auto store = open_store(dir);
    dir.put("cur/1.a:2,", "A\n", 1700000001);
    dir.put("cur/2.b:2,", "B\n", 1700000002);
    auto box = open_box(*store, "INBOX");
    std::filesystem::remove(dir.root() + "/cur/1.a:2,");
    CHECK(box->read(1).error().code == ErrorCode::NoSuchMessage);
    auto changes = box->sync();
    REQUIRE(changes.ok());
    CHECK(changes->expunged == std::vector<uint32_t>{1});
    CHECK(uids_of(*box) == std::vector<uint32_t>{2});
}

TEST_CASE("store: sizes come from ,W= when present, else are computed, and a lie is corrected") {
    TempMaildir dir;
    auto store = open_store(dir);
    dir.put("cur/1.nosize:2,", "a\nb\n", 1700000001);           // CRLF size 6, computed
    dir.put("cur/2.lying,S=4,W=99:2,", "a\nb\n", 1700000002);    // claims 99
    auto box = open_box(*store, "INBOX");
    CHECK(box->messages()[0].size == 6);
    CHECK(box->messages()[1].size == 99);
    auto body = box->read(2);
    REQUIRE(body.ok());
    CHECK(body->size() == 6);
    CHECK(box->messages()[1].size == 6);
    auto reopened = open_box(*store, "INBOX");
    CHECK(reopened->messages()[1].size == 6);  // the index was fixed
}

TEST_CASE("store: \\Recent goes to exactly one read-write session (RFC 3501 §2.3.2)") {
    TempMaildir dir;
    auto store = open_store(dir);
    REQUIRE(store->append("INBOX", kLfMessage, 0, {}, 1700000000).ok());
    CHECK(store->status("INBOX")->recent == 1);
    auto examine = open_box(*store, "INBOX", true);
    CHECK(examine->is_recent(1));  // EXAMINE shows it without claiming
    auto first = open_box(*store, "INBOX");
    CHECK(first->is_recent(1));
    auto second = open_box(*store, "INBOX");
    CHECK_FALSE(second->is_recent(1));
    CHECK(store->status("INBOX")->recent == 0);

    REQUIRE(store->append("INBOX", kLfMessage, 0, {}, 1700000001).ok());
    REQUIRE(second->sync().ok());
    REQUIRE(first->sync().ok());
    CHECK(second->is_recent(2));  // the first read-write sync to see it claims it
    CHECK_FALSE(first->is_recent(2));
    CHECK(first->is_recent(1));  // and a session keeps what it claimed
}

TEST_CASE("store: STATUS counts messages, unseen and UIDNEXT of a folder") {
    TempMaildir dir;
    auto store = open_store(dir);
    REQUIRE(store->create("Work").ok());
    auto empty = store->status("Work");
    REQUIRE(empty.ok());
    CHECK(empty->messages == 0);
    CHECK(empty->uidnext == 1);
    CHECK(empty->uidvalidity != 0);
    REQUIRE(store->append("Work", kLfMessage, kSeen, {}, 1700000000).ok());
    REQUIRE(store->append("work", kLfMessage, 0, {}, 1700000000).error().code == ErrorCode::NotFound);
    REQUIRE(store->append("Work", kCrlfMessage, 0, {}, 1700000001).ok());
    auto st = store->status("Work");
    REQUIRE(st.ok());
    CHECK(st->messages == 2);
    CHECK(st->unseen == 1);
    CHECK(st->uidnext == 3);
    CHECK(st->uidvalidity == empty->uidvalidity);
    CHECK(dir.files_in(".Work/cur").size() == 2);
    CHECK(store->status("INBOX")->messages == 0);
}

TEST_CASE("store: symlinks never lead a session out of the Maildir") {
    TempMaildir dir;
    auto store = open_store(dir);
    const auto outside = std::filesystem::path(dir.root()).parent_path();
    std::filesystem::create_directories(outside / "elsewhere" / "cur");
    std::filesystem::create_directories(outside / "elsewhere" / "new");
    std::filesystem::create_directories(outside / "elsewhere" / "tmp");
    { std::ofstream(outside / "secret") << "Subject: not yours\n\n"; }
    std::filesystem::create_symlink(outside / "secret", dir.root() + "/cur/1.link:2,");
    std::filesystem::create_directory_symlink(outside / "elsewhere", dir.root() + "/.Evil");
    dir.put("cur/2.real:2,", "Subject: mine\n\n", 1700000000);

    auto box = open_box(*store, "INBOX");
    REQUIRE(box->messages().size() == 1);
    CHECK(box->read(box->messages()[0].uid).value() == "Subject: mine\r\n\r\n");
    CHECK(store->list()->size() == 1);
    CHECK(store->open("Evil", false).error().code == ErrorCode::NotFound);
}

TEST_CASE("store: a view's keywords grow with set_flags and with other sessions' changes, never shrink") {
    TempMaildir dir;
    auto store = open_store(dir);
    REQUIRE(store->append("INBOX", kLfMessage, 0, {"$Forwarded"}, 1700000000).ok());
    REQUIRE(store->append("INBOX", kCrlfMessage, 0, {}, 1700000001).ok());
    auto box = open_box(*store, "INBOX");
    CHECK(box->keywords() == std::vector<std::string>{"$Forwarded"});

    REQUIRE(box->set_flags(2, 0, {"$forwarded", "Work"}).ok());  // same keyword, other case
    CHECK(box->keywords() == std::vector<std::string>{"$Forwarded", "Work"});

    auto other = open_box(*store, "INBOX");
    REQUIRE(other->set_flags(1, 0, {"$Label1"}).ok());
    REQUIRE(box->sync().ok());
    CHECK(box->keywords() == std::vector<std::string>{"$Forwarded", "Work", "$Label1"});
}

namespace {

void set_dir_mtime(const std::string& dir, long seconds_ago) {
    struct timeval now {};
    ::gettimeofday(&now, nullptr);
    struct timeval tv[2] = {{now.tv_sec - seconds_ago, 0}, {now.tv_sec - seconds_ago, 0}};
    REQUIRE(::utimes(dir.c_str(), tv) == 0);
}

}  // namespace

TEST_CASE("mailbox: sync skips the rescan when cur/, new/ and the index are unchanged, and sees an index-only change") {
    TempMaildir dir;
    auto store = open_store(dir);
    REQUIRE(store->append("INBOX", kLfMessage, 0, {}, 1000).ok());
    auto box = open_box(*store, "INBOX");
    REQUIRE(box->messages().size() == 1);
    // Settled directories: their mtimes are old enough to be trusted.
    set_dir_mtime(dir.root() + "/cur", 10);
    set_dir_mtime(dir.root() + "/new", 10);
    REQUIRE(box->sync().ok());

    // A file slipped in without the directory's mtime moving is not looked for: this is
    // what proves the rescan was skipped.
    dir.put("cur/1000000005.M9P9.host:2,", kCrlfMessage);
    set_dir_mtime(dir.root() + "/cur", 10);
    auto quiet = box->sync();
    REQUIRE(quiet.ok());
    CHECK(quiet->added == 0);
    CHECK(box->messages().size() == 1);

    // Another session changing only a keyword (no file rename) moves the index's
    // data_version, so the next sync rescans and reports it.
    auto other_store = open_store(dir);
    auto other = open_box(*other_store, "INBOX");
    REQUIRE(other->set_flags(1, 0, {"$Forwarded"}).ok());
    auto changes = box->sync();
    REQUIRE(changes.ok());
    CHECK(changes->flags_changed == std::vector<uint32_t>{1});
    CHECK(changes->added == 1);  // the rescan also found the file
    CHECK(box->messages()[0].keywords == std::vector<std::string>{"$Forwarded"});
}

TEST_CASE("mailbox: a directory changed within the last seconds is always rescanned (coarse mtime clocks)") {
    TempMaildir dir;
    auto store = open_store(dir);
    auto box = open_box(*store, "INBOX");
    REQUIRE(box->sync().ok());
    struct stat before {};
    REQUIRE(::stat((dir.root() + "/new").c_str(), &before) == 0);
    dir.put("new/1000000006.M1P1.host", kLfMessage);
    // As if the delivery landed in the same clock tick as the last sync: new/'s mtime did not
    // move, but it is recent, so it is not trusted.
    struct timespec same[2] = {before.st_mtim, before.st_mtim};
    REQUIRE(::utimensat(AT_FDCWD, (dir.root() + "/new").c_str(), same, 0) == 0);
    auto changes = box->sync();
    REQUIRE(changes.ok());
    CHECK(changes->added == 1);
}
