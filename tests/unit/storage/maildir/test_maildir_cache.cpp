// storage: values cached per message in the index (Mailbox::cached_field), which IMAP uses so
// that ENVELOPE and BODYSTRUCTURE are computed once per message (issue 3). They survive other
// sessions and restarts, and go with the message: expunge, or a file whose size changed.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "storage/index/mail_index.hpp"
#include "storage/mail_store.hpp"
#include "unit/storage/temp_maildir.hpp"

using namespace roost::storage;
using roost::test::open_inbox;
using roost::test::TempMaildir;

namespace {

uint32_t append(const TempMaildir& dir, const std::string& message) {
    auto store = open_maildir_store(dir.root());
    REQUIRE(store.ok());
    auto appended = (*store)->append("INBOX", message, 0, {}, 1700000000);
    REQUIRE(appended.ok());
    return appended->uid;
}

std::optional<std::string> cached(Mailbox& box, uint32_t uid, std::string_view key) {
    auto value = box.cached_field(uid, key);
    REQUIRE(value.ok());
    return *value;
}

}  // namespace

TEST_CASE("cache: a stored value is seen by another session and after reopening", "[storage][cache]") {
    TempMaildir dir;
    uint32_t uid = append(dir, "Subject: a\r\n\r\nbody\r\n");
    auto first = open_inbox(dir);
    CHECK_FALSE(cached(*first, uid, "k"));
    REQUIRE(first->store_cached_field(uid, "k", std::string("v\0\xff", 3)).ok());
    REQUIRE(first->store_cached_field(uid, "other", "w").ok());
    CHECK(cached(*first, uid, "k") == std::optional<std::string>(std::string("v\0\xff", 3)));

    auto second = open_inbox(dir);
    CHECK(cached(*second, uid, "k") == std::optional<std::string>(std::string("v\0\xff", 3)));
    CHECK(cached(*second, uid, "other") == std::optional<std::string>("w"));
    REQUIRE(second->store_cached_field(uid, "k", "replaced").ok());
    CHECK(cached(*first, uid, "k") == std::optional<std::string>("replaced"));
    // A UID that this view does not have: nothing cached, and nothing can be stored.
    CHECK_FALSE(cached(*first, uid + 1, "k"));
    CHECK_FALSE(first->store_cached_field(uid + 1, "k", "v").ok());
}

TEST_CASE("cache: expunge forgets the message's values", "[storage][cache]") {
    TempMaildir dir;
    uint32_t uid = append(dir, "Subject: a\r\n\r\nbody\r\n");
    auto box = open_inbox(dir);
    REQUIRE(box->store_cached_field(uid, "k", "v").ok());
    auto index = index::MailIndex::open(dir.root() + "/roost-index.sqlite");
    REQUIRE(index.ok());
    auto rows = [&] {
        auto st = (*index)->db().prepare("SELECT count(*) FROM cached_fields");
        REQUIRE(st.ok());
        REQUIRE(st->step().value());
        return st->column_int(0);
    };
    CHECK(rows() == 1);
    REQUIRE(box->expunge({uid}).ok());
    CHECK(rows() == 0);
}

TEST_CASE("cache: a file edited in place (new size) loses its values", "[storage][cache]") {
    TempMaildir dir;
    uint32_t uid = append(dir, "Subject: a\r\n\r\nbody\r\n");
    auto box = open_inbox(dir);
    REQUIRE(box->store_cached_field(uid, "k", "v").ok());
    for (const auto& entry : std::filesystem::directory_iterator(dir.root() + "/cur"))
        std::ofstream(entry.path(), std::ios::binary) << "Subject: changed\r\n\r\nlonger body\r\n";
    REQUIRE(box->read(uid).ok());
    CHECK_FALSE(cached(*box, uid, "k"));
}

TEST_CASE("cache: an index of schema version 2 gains the cache table", "[storage][cache]") {
    TempMaildir dir;
    uint32_t uid = append(dir, "Subject: a\r\n\r\nbody\r\n");
    std::string path = dir.root() + "/roost-index.sqlite";
    {
        auto index = index::MailIndex::open(path);
        REQUIRE(index.ok());
        REQUIRE((*index)->db()
                    .exec("DROP TRIGGER messages_forget_cached_fields; DROP TABLE cached_fields; "
                          "PRAGMA user_version = 2;")
                    .ok());
    }
    auto box = open_inbox(dir);
    REQUIRE(box->store_cached_field(uid, "k", "v").ok());
    CHECK(cached(*box, uid, "k") == std::optional<std::string>("v"));
    auto index = index::MailIndex::open(path);
    REQUIRE(index.ok());
    auto st = (*index)->db().prepare("PRAGMA user_version");
    REQUIRE(st.ok());
    REQUIRE(st->step().value());
    CHECK(st->column_int(0) == index::MailIndex::kSchemaVersion);
}
