#include "imap/fetch_render.hpp"

#include <optional>

#include "imap/flags.hpp"
#include "imap/proto/body_structure.hpp"
#include "imap/proto/datetime.hpp"
#include "imap/proto/section.hpp"
#include "imap/proto/writer.hpp"
#include "mail/message.hpp"
#include "mail/mime_part.hpp"

namespace roost::imap {

using Kind = proto::FetchItem::Kind;

FetchPlan make_fetch_plan(std::vector<proto::FetchItem> items, bool uid_command, bool read_only) {
    FetchPlan plan;
    bool has_uid = false;
    for (const auto& item : items) {
        switch (item.kind) {
            case Kind::Uid: has_uid = true; break;
            case Kind::Flags: plan.has_flags = true; break;
            case Kind::Rfc822Header: plan.needs_content = true; break;
            case Kind::Rfc822:
            case Kind::Rfc822Text:
                plan.needs_content = true;
                plan.sets_seen = true;
                break;
            case Kind::Body:
                plan.needs_content = true;
                if (!item.peek) plan.sets_seen = true;
                break;
            case Kind::Envelope:
            case Kind::BodyStructure:
            case Kind::BodyNonExtensible: plan.needs_structure = true; break;
            default: break;
        }
    }
    if (read_only) plan.sets_seen = false;
    if (uid_command && !has_uid) {
        proto::FetchItem uid;
        uid.kind = Kind::Uid;
        items.insert(items.begin(), uid);
    }
    plan.items = std::move(items);
    return plan;
}

MessageStructure compute_structure(std::string_view content) {
    mail::MimePart root = mail::parse_mime(content);
    MessageStructure structure;
    structure.envelope = proto::envelope(root.header(content));
    structure.body = proto::body_structure(content, root, false);
    structure.body_structure = proto::body_structure(content, root, true);
    return structure;
}

std::string render_fetch(uint32_t seq, const storage::MessageInfo& info, bool recent, const FetchedMessage& message,
                         const FetchPlan& plan, bool flags_changed) {
    const std::string& content = message.content;
    std::optional<mail::MimePart> tree;  // parsed at most once, for sections with a part path
    std::string out = "* " + std::to_string(seq) + " FETCH (";
    bool first = true;
    auto next = [&](const char* name) {
        if (!first) out += ' ';
        first = false;
        out += name;
    };
    auto add_flags = [&] {
        next("FLAGS ");
        out += flag_list(info.flags, info.keywords, recent);
    };
    for (const auto& item : plan.items) {
        switch (item.kind) {
            case Kind::Uid:
                next("UID ");
                out += std::to_string(info.uid);
                break;
            case Kind::Flags: add_flags(); break;
            case Kind::InternalDate:
                next("INTERNALDATE \"");
                out += proto::format_date_time(info.internal_date) + "\"";
                break;
            case Kind::Rfc822Size:
                next("RFC822.SIZE ");
                out += std::to_string(info.size);
                break;
            case Kind::Rfc822:
                next("RFC822 ");
                proto::append_literal(out, content);
                break;
            case Kind::Rfc822Header:
                next("RFC822.HEADER ");
                proto::append_literal(out, mail::split_header_body(content).header);
                break;
            case Kind::Rfc822Text:
                next("RFC822.TEXT ");
                proto::append_literal(out, mail::split_header_body(content).body);
                break;
            case Kind::Body: {
                // The response names the section as requested, and a partial by its origin
                // only: BODY[]<0> (RFC 3501 §7.4.2).
                next("BODY[");
                out += item.section.text + "]";
                std::string data;
                if (item.section.part.empty()) {
                    data = proto::section_data(content, item.section);
                } else {
                    if (!tree) tree = mail::parse_mime(content);
                    data = proto::section_data(content, *tree, item.section);
                }
                if (item.partial_origin) {
                    out += "<" + std::to_string(*item.partial_origin) + ">";
                    out += ' ';
                    proto::append_literal(out, proto::partial_data(data, *item.partial_origin, item.partial_count));
                } else {
                    out += ' ';
                    proto::append_literal(out, data);
                }
                break;
            }
            case Kind::Envelope:
                next("ENVELOPE ");
                out += message.structure.envelope;
                break;
            case Kind::BodyStructure:
                next("BODYSTRUCTURE ");
                out += message.structure.body_structure;
                break;
            case Kind::BodyNonExtensible:
                next("BODY ");
                out += message.structure.body;
                break;
        }
    }
    if (flags_changed && !plan.has_flags) add_flags();
    out += ")\r\n";
    return out;
}

}  // namespace roost::imap
