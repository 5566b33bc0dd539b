// storage/maildir: MessageInfo::ends_with_newline, which POP3 needs for exact LIST sizes
// (RFC 1939 §3 adds a CRLF before the terminator when a message ends mid-line) while IMAP
// keeps serving the bytes as they are (RFC 3501 RFC822.SIZE == BODY[] length). Computed at
// sync (only the last byte when ",W=" gives the size), kept in the index (schema 2), filled in
// for rows an index of schema 1 left without it, and corrected when a file changes.
#include <catch2/catch.hpp>

#include "mail/message.hpp"
#include "storage/index/mail_index.hpp"
#include "storage/index/sqlite_db.hpp"
#include "storage/mail_store.hpp"
#include "storage/maildir/maildir_store.hpp"
#include "unit/storage/temp_maildir.hpp"

using namespace roost::storage;
using roost::test::open_inbox;
using roost::test::TempMaildir;

namespace {

std::string w_name(const std::string& base, const std::string& content) {
    return base + ",S=" + std::to_string(content.size()) + ",W=" + std::to_string(roost::mail::crlf_size(content));
}

}  // namespace

TEST_CASE("storage: ends_with_newline from the file's last byte, with and without ,W=", "[storage]") {
    TempMaildir dir;
    { auto first = open_inbox(dir); }  // creates cur/ new/ tmp/
    const std::string no_eol = "Subject: noeol\n\nlast line without newline";
    const std::string lone_cr = "Subject: cr\r\n\r\nends in a lone CR\r";
    dir.put("cur/1.lf:2,", "Subject: lf\n\nbody\n", 1700000001);
    dir.put("cur/2.crlf:2,", "Subject: crlf\r\n\r\nbody\r\n", 1700000002);
    dir.put("new/3.noeol", no_eol, 1700000003);
    dir.put("cur/" + w_name("4.w", no_eol) + ":2,", no_eol, 1700000004);  // only the last byte read
    dir.put("cur/5.empty:2,", "", 1700000005);
    dir.put("cur/6.cr:2,", lone_cr, 1700000006);  // to_crlf keeps a lone CR: still mid-line
    const std::vector<bool> expected = {true, true, false, false, true, false};

    auto box = open_inbox(dir);
    REQUIRE(box->messages().size() == expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        INFO("message " << i + 1);
        CHECK(box->messages()[i].ends_with_newline == expected[i]);
    }
    // IMAP's view is unchanged: size is exactly what read() returns, nothing added.
    CHECK(box->messages()[2].size == 43);
    auto body = box->read(box->messages()[2].uid);
    REQUIRE(body.ok());
    CHECK(*body == "Subject: noeol\r\n\r\nlast line without newline");

    auto reopened = open_inbox(dir);  // from the index this time
    for (size_t i = 0; i < expected.size(); ++i) CHECK(reopened->messages()[i].ends_with_newline == expected[i]);
}

TEST_CASE("storage: APPEND records whether the message ends with a line break", "[storage]") {
    TempMaildir dir;
    auto store = open_maildir_store(dir.root());
    REQUIRE(store.ok());
    REQUIRE((*store)->append("INBOX", "Subject: a\r\n\r\nno eol", 0, {}, 1700000000).ok());
    REQUIRE((*store)->append("INBOX", "Subject: b\n\neol\n", 0, {}, 1700000001).ok());
    auto box = (*store)->open("INBOX", false);
    REQUIRE(box.ok());
    REQUIRE((*box)->messages().size() == 2);
    CHECK_FALSE((*box)->messages()[0].ends_with_newline);
    CHECK((*box)->messages()[1].ends_with_newline);
}

TEST_CASE("storage: a file edited in place gets its line end corrected on read, in the index too", "[storage]") {
    TempMaildir dir;
    { auto first = open_inbox(dir); }
    dir.put("cur/1.edit:2,", "Subject: x\n\nbody\n", 1700000001);
    auto box = open_inbox(dir);
    REQUIRE(box->messages()[0].ends_with_newline);
    dir.put("cur/1.edit:2,", "Subject: x\n\nbody!");  // same CRLF size (18), no final LF
    auto body = box->read(1);
    REQUIRE(body.ok());
    CHECK(body->size() == box->messages()[0].size);
    CHECK_FALSE(box->messages()[0].ends_with_newline);
    CHECK_FALSE(open_inbox(dir)->messages()[0].ends_with_newline);
}

TEST_CASE("storage: an index of schema 1 is migrated and its rows learn their line end at sync", "[storage]") {
    TempMaildir dir;
    { auto first = open_inbox(dir); }
    const std::string no_eol = "Subject: old\n\nno eol";
    const std::string eol = "Subject: old\n\neol\n";
    const std::string name1 = w_name("1.old", no_eol);
    const std::string name2 = w_name("2.old", eol);
    dir.put("cur/" + name1 + ":2,", no_eol, 1700000001);
    dir.put("cur/" + name2 + ":2,", eol, 1700000002);
    {
        // What Roost with index schema 1 left behind: no ends_with_newline column.
        const std::string path = dir.root() + "/" + maildir::kIndexFileName;
        std::remove(path.c_str());
        auto db = index::SqliteDb::open(path, 1000);
        REQUIRE(db.ok());
        REQUIRE((*db)->exec(R"sql(
CREATE TABLE mailboxes (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, uidvalidity INTEGER NOT NULL,
    uidnext INTEGER NOT NULL, recent_floor INTEGER NOT NULL);
CREATE TABLE messages (mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id), uid INTEGER NOT NULL,
    base TEXT NOT NULL, flags INTEGER NOT NULL, keywords TEXT NOT NULL DEFAULT '', size INTEGER NOT NULL,
    internal_date INTEGER NOT NULL, PRIMARY KEY (mailbox_id, uid), UNIQUE (mailbox_id, base));
INSERT INTO mailboxes VALUES (1, 'INBOX', 1234, 3, 3);
PRAGMA user_version = 1;
)sql").ok());
        REQUIRE((*db)->exec("INSERT INTO messages VALUES (1, 1, '" + name1 + "', 0, '', " +
                            std::to_string(roost::mail::crlf_size(no_eol)) + ", 1700000001)")
                    .ok());
        REQUIRE((*db)->exec("INSERT INTO messages VALUES (1, 2, '" + name2 + "', 0, '', " +
                            std::to_string(roost::mail::crlf_size(eol)) + ", 1700000002)")
                    .ok());
        auto idx = index::MailIndex::open(path);  // the migration
        REQUIRE(idx.ok());
        auto rows = (*idx)->messages(1);
        REQUIRE(rows.ok());
        REQUIRE(rows->size() == 2);
        CHECK_FALSE((*rows)[0].ends_with_newline.has_value());  // not known until a sync
    }
    auto box = open_inbox(dir);
    CHECK(box->uidvalidity() == 1234);  // the rows were kept, not rebuilt
    REQUIRE(box->messages().size() == 2);
    CHECK(box->messages()[0].uid == 1);
    CHECK_FALSE(box->messages()[0].ends_with_newline);
    CHECK(box->messages()[1].ends_with_newline);

    auto idx = index::MailIndex::open(dir.root() + "/" + maildir::kIndexFileName);
    REQUIRE(idx.ok());
    auto rows = (*idx)->messages(1);
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 2);
    CHECK((*rows)[0].ends_with_newline == std::optional<bool>(false));  // written back
    CHECK((*rows)[1].ends_with_newline == std::optional<bool>(true));
}
