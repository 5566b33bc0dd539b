// Helpers shared by the storage tests of every backend: open a mailbox (failing the test if
// it cannot be opened) and list a view's UIDs.
#pragma once

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "storage/mail_store.hpp"

namespace roost::test {

inline std::unique_ptr<storage::Mailbox> open_box(storage::MailStore& store, const std::string& name,
                                                  bool read_only = false) {
    auto box = store.open(name, read_only);
    REQUIRE(box.ok());
    return std::move(box.value());
}

inline std::vector<uint32_t> uids_of(const storage::Mailbox& box) {
    std::vector<uint32_t> out;
    for (const auto& m : box.messages()) out.push_back(m.uid);
    return out;
}

}  // namespace roost::test
