// storage/memory: what the in-memory store adds to the MailStore contract that the IMAP
// session tests (tests/unit/imap, run over it too) do not reach: several stores over one
// user's mail, concurrent callers, and the view staying fixed until sync().
#include <catch2/catch.hpp>

#include <thread>

#include "storage/memory/memory_store.hpp"
#include "unit/storage/mailbox_helpers.hpp"

using namespace roost::storage;
using roost::test::open_box;
using roost::test::uids_of;

TEST_CASE("memory store: two stores over one mail see each other's changes at sync, not before (RFC 3501 §5.2)",
          "[storage][memory]") {
    auto mail = memory::new_memory_mail();
    auto first = memory::open_memory_store(mail);
    auto second = memory::open_memory_store(mail);
    REQUIRE(first->append("INBOX", "Subject: a\n\nx\n", 0, {}, 1000).ok());
    auto a = open_box(*first, "INBOX");
    auto b = open_box(*second, "INBOX");
    REQUIRE(second->append("INBOX", "Subject: b\n\ny\n", 0, {}, 2000).ok());
    CHECK(uids_of(*a) == std::vector<uint32_t>{1});  // the view is fixed until sync()
    REQUIRE(b->set_flags(1, kSeen, {"$Work"}).ok());
    auto changes = a->sync();
    REQUIRE(changes.ok());
    CHECK(changes->added == 1);
    CHECK(changes->flags_changed == std::vector<uint32_t>{1});
    CHECK(a->messages()[0].flags == kSeen);
    CHECK(a->keywords() == std::vector<std::string>{"$Work"});
    // \Recent: `a` opened first and claimed UID 1; its sync claimed UID 2 before `b` synced.
    CHECK(a->is_recent(1));
    CHECK(a->is_recent(2));
    REQUIRE(b->sync().ok());
    CHECK_FALSE(b->is_recent(2));
}

TEST_CASE("memory store: an expunged message is gone for other views; its UID is never reused (RFC 3501 §2.3.1.1)",
          "[storage][memory]") {
    auto mail = memory::new_memory_mail();
    auto store = memory::open_memory_store(mail);
    REQUIRE(store->append("INBOX", "a\n", 0, {}, 0).ok());
    REQUIRE(store->append("INBOX", "b", 0, {}, 0).ok());
    auto a = open_box(*store, "INBOX");
    auto b = open_box(*memory::open_memory_store(mail), "INBOX");
    CHECK(a->messages()[0].size == 3);  // "a\r\n"
    CHECK_FALSE(a->messages()[1].ends_with_newline);
    REQUIRE(b->expunge({2}).ok());
    CHECK(a->read(2).error().code == ErrorCode::NoSuchMessage);  // still in a's view
    CHECK(a->read(1).value() == "a\r\n");
    auto removed = a->expunge({2});  // already gone: counted as removed, as on the Maildir
    REQUIRE(removed.ok());
    CHECK(*removed == std::vector<uint32_t>{2});
    auto appended = store->append("INBOX", "c\n", 0, {}, 0);
    REQUIRE(appended.ok());
    CHECK(appended->uid == 3);
}

TEST_CASE("memory store: a mailbox deleted and created again is NotFound to its old views, with a greater UIDVALIDITY",
          "[storage][memory]") {
    auto store = memory::open_memory_store(memory::new_memory_mail());
    REQUIRE(store->create("Work").ok());
    auto old = open_box(*store, "Work");
    REQUIRE(store->remove("Work").ok());
    REQUIRE(store->create("Work").ok());
    CHECK(store->status("Work")->uidvalidity > old->uidvalidity());
    CHECK(old->sync().error().code == ErrorCode::NotFound);
}

TEST_CASE("memory store: concurrent appends from several threads get distinct ascending UIDs", "[storage][memory]") {
    auto mail = memory::new_memory_mail();
    constexpr int kThreads = 4, kEach = 50;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([mail] {
            auto store = memory::open_memory_store(mail);  // one store per session, as sessions do
            for (int i = 0; i < kEach; ++i) (void)store->append("INBOX", "x\n", 0, {}, 0);
        });
    }
    for (auto& thread : threads) thread.join();
    auto box = open_box(*memory::open_memory_store(mail), "INBOX");
    auto uids = uids_of(*box);
    REQUIRE(uids.size() == kThreads * kEach);
    for (size_t i = 0; i < uids.size(); ++i) CHECK(uids[i] == i + 1);
}

TEST_CASE("memory store: names are checked by the Maildir's rules", "[storage][memory]") {
    auto store = memory::open_memory_store(memory::new_memory_mail());
    CHECK(store->create("a..b").error().code == ErrorCode::InvalidName);
    CHECK(store->create("inbox").error().code == ErrorCode::AlreadyExists);
    REQUIRE(store->create("inbox.Sub").ok());
    auto list = store->list();
    REQUIRE(list.ok());
    REQUIRE(list->size() == 2);
    CHECK((*list)[0].name == "INBOX");
    CHECK((*list)[0].has_children);
    CHECK((*list)[1].name == "INBOX.Sub");
}
