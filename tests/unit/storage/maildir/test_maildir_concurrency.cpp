// storage/maildir under concurrency: several sessions (each its own MailStore, as separate IMAP
// or POP3 sessions are) syncing, appending and changing flags on one Maildir at once must keep
// one consistent set of UIDs — RFC 3501 §2.3.1.1: a UID names one message and is never reused.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "storage/mail_store.hpp"
#include "unit/storage/temp_maildir.hpp"

using namespace roost::storage;
using roost::test::TempMaildir;

namespace {

std::unique_ptr<MailStore> open_store(const std::string& root) {
    auto store = open_maildir_store(root);
    if (!store.ok()) return nullptr;
    return std::move(store.value());
}

// uid -> content, as one session sees the mailbox after a final sync.
std::map<uint32_t, std::string> final_view(const std::string& root) {
    std::map<uint32_t, std::string> out;
    auto store = open_store(root);
    REQUIRE(store != nullptr);
    auto box = store->open("INBOX", true);
    REQUIRE(box.ok());
    for (const auto& m : (*box)->messages()) out[m.uid] = (*box)->read(m.uid).value();
    return out;
}

}  // namespace

TEST_CASE("concurrency: two sessions syncing while mail arrives in new/ never share or duplicate UIDs") {
    TempMaildir dir;
    REQUIRE(open_store(dir.root()) != nullptr);
    constexpr int kMessages = 60;
    std::atomic<bool> delivering{true};
    std::atomic<int> failures{0};
    std::vector<std::map<uint32_t, std::string>> views(2);

    auto session = [&](int id) {
        auto store = open_store(dir.root());
        if (!store) return ++failures, void();
        auto box = store->open("INBOX", false);
        if (!box.ok()) return ++failures, void();
        while (delivering.load()) {
            if (!(*box)->sync().ok()) ++failures;
        }
        if (!(*box)->sync().ok()) ++failures;
        for (const auto& m : (*box)->messages()) {
            auto body = (*box)->read(m.uid);
            if (!body.ok()) ++failures;
            else views[id][m.uid] = *body;
        }
    };
    std::thread a(session, 0);
    std::thread b(session, 1);
    // An MDA's way: write in tmp/, then rename into new/.
    for (int i = 0; i < kMessages; ++i) {
        std::string name = "17000" + std::to_string(10000 + i) + ".mda";
        dir.put("tmp/" + name, "Message-ID: <" + std::to_string(i) + "@test>\n\nbody\n");
        std::filesystem::rename(dir.root() + "/tmp/" + name, dir.root() + "/new/" + name);
        if (i % 7 == 0) std::this_thread::yield();
    }
    delivering = false;
    a.join();
    b.join();
    CHECK(failures == 0);

    auto truth = final_view(dir.root());
    REQUIRE(truth.size() == kMessages);
    std::set<std::string> contents;
    for (const auto& [uid, body] : truth) contents.insert(body);
    CHECK(contents.size() == kMessages);  // no file got two UIDs
    CHECK(truth.rbegin()->first == kMessages);  // UIDs 1..N with no gaps burned on duplicates
    CHECK(views[0] == truth);
    CHECK(views[1] == truth);
}

TEST_CASE("concurrency: parallel APPENDs from two sessions get distinct UIDs") {
    TempMaildir dir;
    REQUIRE(open_store(dir.root()) != nullptr);
    constexpr int kPerThread = 25;
    std::vector<std::vector<uint32_t>> uids(2);
    std::atomic<int> failures{0};
    auto appender = [&](int id) {
        auto store = open_store(dir.root());
        if (!store) return ++failures, void();
        auto box = store->open("INBOX", false);  // syncing alongside the appends
        if (!box.ok()) return ++failures, void();
        for (int i = 0; i < kPerThread; ++i) {
            std::string msg = "Subject: t" + std::to_string(id) + "-" + std::to_string(i) + "\n\nx\n";
            auto appended = store->append("INBOX", msg, 0, {}, 1700000000 + i);
            if (!appended.ok()) ++failures;
            else uids[id].push_back(appended->uid);
            if (!(*box)->sync().ok()) ++failures;
        }
    };
    std::thread a(appender, 0);
    std::thread b(appender, 1);
    a.join();
    b.join();
    CHECK(failures == 0);
    std::set<uint32_t> all(uids[0].begin(), uids[0].end());
    all.insert(uids[1].begin(), uids[1].end());
    CHECK(all.size() == 2 * kPerThread);
    auto truth = final_view(dir.root());
    CHECK(truth.size() == 2 * kPerThread);
    CHECK(truth.rbegin()->first == 2 * kPerThread);
}

TEST_CASE("concurrency: flag changes by one session never look like expunges to another") {
    // Enough files that one readdir() takes several getdents calls, so a rename made during
    // another session's scan can hide the file from that scan: the sync must not take that
    // for an expunge.
    TempMaildir dir;
    REQUIRE(open_store(dir.root()) != nullptr);  // creates cur/ new/ tmp/
    constexpr uint32_t kFiles = 600;
    for (uint32_t i = 0; i < kFiles; ++i)
        dir.put("cur/" + std::to_string(1700000000 + i) + ".M1P1Q" + std::to_string(i) +
                    ".a-rather-long-host-name-to-fill-directory-blocks.example.org:2,",
                "Subject: f\n\nx\n", 1700000000 + i);
    std::atomic<bool> flipping{true};
    std::atomic<int> failures{0};
    std::atomic<int> expunges_seen{0};
    std::thread flipper([&] {
        auto s = open_store(dir.root());
        if (!s) return ++failures, void();
        auto box = s->open("INBOX", false);
        if (!box.ok()) return ++failures, void();
        for (int round = 0; round < 2; ++round) {
            for (uint32_t uid = 1; uid <= kFiles; ++uid) {
                if (!(*box)->set_flags(uid, (round % 2) ? kSeen : kFlagged, {}).ok()) ++failures;
            }
        }
        flipping = false;
    });
    auto watcher = open_store(dir.root());
    REQUIRE(watcher != nullptr);
    auto box = watcher->open("INBOX", false);
    REQUIRE(box.ok());
    while (flipping.load()) {
        auto changes = (*box)->sync();
        if (!changes.ok()) ++failures;
        else expunges_seen += static_cast<int>(changes->expunged.size());
    }
    flipper.join();
    CHECK(failures == 0);
    CHECK(expunges_seen == 0);
    REQUIRE((*box)->sync().ok());
    CHECK((*box)->messages().size() == kFiles);
    for (const auto& m : (*box)->messages()) {
        if (m.flags != kSeen) FAIL("UID " << m.uid << " has flags " << m.flags);  // the last round (1) sets \Seen
    }
}
