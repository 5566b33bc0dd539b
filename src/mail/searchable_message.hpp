// One message as SEARCH sees it (RFC 3501 §6.4.4), with Dovecot 2.3's reading of it:
//  - header fields are unfolded and RFC 2047-decoded; FROM/TO/CC/BCC match the address list
//    re-written as "name" <mailbox@host>, or <mailbox@host> without a name (display names
//    quoted when they hold anything but atext, encoded words decoded afterwards; a missing
//    local part or domain as MISSING_MAILBOX / MISSING_DOMAIN), HEADER matches the field as
//    written;
//  - BODY matches the text of text/* and message/* leaf parts (and parts without a
//    Content-Type), base64 and quoted-printable decoded and converted from the part's charset
//    to UTF-8; binary parts, preambles and epilogues, part headers and boundaries are not text;
//  - TEXT matches BODY's text and every header: the message's, each part's, and those of
//    attached messages;
//  - the sent date is the Date: field's date as written (its own time zone), 1970-01-01 when
//    the field is missing or unreadable (a year before 1970 included).
// Everything is computed on first use and kept, so a search program with several keys reads
// the message once. Needles must already be casefold()ed. Pure.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace roost::mail {

class SearchableMessage {
public:
    // `message`: the whole message with CRLF line ends; it must outlive this object.
    explicit SearchableMessage(std::string_view message);
    ~SearchableMessage();
    SearchableMessage(const SearchableMessage&) = delete;
    SearchableMessage& operator=(const SearchableMessage&) = delete;

    // Some field `name` (case-insensitive) of the message's header contains `needle`; with an
    // empty needle, the field exists. `address`: match the re-written address list.
    bool header_contains(std::string_view name, std::string_view needle, bool address);
    bool body_contains(std::string_view needle);
    bool text_contains(std::string_view needle);
    // Days since 1970-01-01 of the Date: field's date.
    int64_t sent_day();

private:
    struct Cache;
    std::string_view message_;
    std::unique_ptr<Cache> cache_;
};

// The date of an RFC 5322 §3.3 date-time (obsolete forms of §4.3 included: two-digit years,
// named zones, no seconds), as written, in days since 1970-01-01; nullopt when unreadable or
// before 1970.
std::optional<int64_t> parse_rfc5322_day(std::string_view value);

// An address list re-written the way SEARCH FROM/TO/CC/BCC match it (see above).
std::string search_address_text(std::string_view raw_value);

}  // namespace roost::mail
