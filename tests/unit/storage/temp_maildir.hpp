// A fresh Maildir root in a temporary directory per test, removed afterwards, plus helpers to
// drop files into it the way other programs (Postfix, another mail reader) would.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <sys/time.h>
#include <vector>

#include <catch2/catch.hpp>

#include "storage/mail_store.hpp"
#include "unit/storage/mailbox_helpers.hpp"
#include "unit/temp_dir.hpp"

namespace roost::test {

class TempMaildir {
public:
    TempMaildir() : root_(dir_.file("Maildir")) {}
    TempMaildir(const TempMaildir&) = delete;
    TempMaildir& operator=(const TempMaildir&) = delete;

    const std::string& root() const { return root_; }

    // Writes `content` to <root>/<relative> with mtime `mtime` (0: leave as now).
    void put(const std::string& relative, const std::string& content, long mtime = 0) const {
        std::string path = root_ + "/" + relative;
        std::ofstream(path, std::ios::binary) << content;
        if (mtime != 0) {
            struct timeval tv[2] = {{mtime, 0}, {mtime, 0}};
            ::utimes(path.c_str(), tv);
        }
    }

    std::vector<std::string> files_in(const std::string& relative_dir) const {
        std::vector<std::string> names;
        for (const auto& e : std::filesystem::directory_iterator(root_ + "/" + relative_dir))
            names.push_back(e.path().filename().string());
        return names;
    }

private:
    TempDir dir_;
    std::string root_;
};

// The Maildir++ store over a TempMaildir (one per session, as sessions open their own).
inline std::unique_ptr<storage::MailStore> open_store(const TempMaildir& dir) {
    auto store = storage::open_maildir_store(dir.root());
    REQUIRE(store.ok());
    return std::move(store.value());
}

// INBOX of a fresh store over `dir`, read-write.
inline std::unique_ptr<storage::Mailbox> open_inbox(const TempMaildir& dir) { return open_box(*open_store(dir), "INBOX"); }

}  // namespace roost::test
