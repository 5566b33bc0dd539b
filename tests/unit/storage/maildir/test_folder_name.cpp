// storage/maildir/folder_name: UTF-8 mailbox names <-> Maildir++ ".Name" directories in
// modified UTF-7 (RFC 3501 §5.1.3), and the refusal of anything that could leave the Maildir.
#include <catch2/catch.hpp>

#include <vector>

#include "storage/maildir/folder_name.hpp"

using namespace roost::storage;
using namespace roost::storage::maildir;

TEST_CASE("folder name: INBOX in any case is the Maildir root (RFC 3501 §5.1)") {
    for (const char* n : {"INBOX", "inbox", "InBoX"}) {
        auto f = resolve_folder_name(n);
        REQUIRE(f.ok());
        CHECK(f->is_inbox());
        CHECK(f->name == "INBOX");
    }
    CHECK(resolve_folder_name("inbox.Sub")->name == "INBOX.Sub");
    CHECK(resolve_folder_name("inbox.Sub")->dir_name == ".INBOX.Sub");
}

TEST_CASE("folder name: Maildir++ directories are '.' + modified UTF-7, as Dovecot names them") {
    CHECK(resolve_folder_name("Sent")->dir_name == ".Sent");
    CHECK(resolve_folder_name("Archive.2024")->dir_name == ".Archive.2024");
    CHECK(resolve_folder_name("Entw\xC3\xBCrfe")->dir_name == ".Entw&APw-rfe");
    CHECK(resolve_folder_name("Tom & Jerry")->dir_name == ".Tom &- Jerry");
    CHECK(resolve_folder_name("back~up.~old")->dir_name == ".back~up.~old");  // '~' inside is ordinary
    CHECK(folder_name_from_dir(".Entw&APw-rfe") == std::optional<std::string>("Entw\xC3\xBCrfe"));
    CHECK(folder_name_from_dir(".Archive.2024") == std::optional<std::string>("Archive.2024"));
}

TEST_CASE("folder name: names that could escape the Maildir are InvalidName") {
    for (const std::string& bad : std::vector<std::string>{"", "../x", "a/b", ".hidden", "a..b", "a.", ".", "..", "a/../../etc",
                            std::string("a\0b", 3), "tab\there", "del\x7f", "bad\xC3", "~user"}) {
        auto f = resolve_folder_name(bad);
        REQUIRE_FALSE(f.ok());
        CHECK(f.error().code == ErrorCode::InvalidName);
    }
    CHECK_FALSE(resolve_folder_name(std::string(300, 'x')).ok());  // longer than NAME_MAX
}

TEST_CASE("folder name: directory entries that are not canonical folders are skipped") {
    CHECK_FALSE(folder_name_from_dir(".").has_value());
    CHECK_FALSE(folder_name_from_dir("..").has_value());
    CHECK_FALSE(folder_name_from_dir("cur").has_value());
    CHECK_FALSE(folder_name_from_dir(".INBOX").has_value());     // would shadow the root
    CHECK_FALSE(folder_name_from_dir(".inbox.Sub").has_value()); // non-canonical INBOX spelling
    CHECK_FALSE(folder_name_from_dir(".&AGE-").has_value());     // bad mUTF-7
    CHECK_FALSE(folder_name_from_dir(".a..b").has_value());
}
