// LIST and LSUB (RFC 3501 §6.3.8, §6.3.9). Names are UTF-8 inside Roost and go out in
// modified UTF-7. Levels of hierarchy that only exist as parents of real mailboxes are
// listed with \Noselect so that "%" walks the tree.
//
// LSUB lists the subscription list, which may name mailboxes that do not exist; like
// Dovecot it shows them without attributes. When a subscribed name does not match but one of
// its parents does (a "%" pattern stopping above it), the parent is listed with \Noselect
// unless it is subscribed itself (§6.3.9).
#include <algorithm>
#include <map>
#include <memory>

#include "imap/cmd/handlers.hpp"
#include "imap/proto/args.hpp"
#include "imap/proto/list_match.hpp"
#include "imap/proto/writer.hpp"
#include "imap/reply.hpp"
#include "mail/mutf7.hpp"

namespace roost::imap::cmd {
namespace {

constexpr char kSeparator = storage::MailStore::kSeparator;

struct Node {
    bool exists = false;
    bool has_children = false;
};

// The proper parents of `name`: "a", "a.b" for "a.b.c".
std::vector<std::string> parents_of(const std::string& name) {
    std::vector<std::string> out;
    for (size_t pos = name.find(kSeparator); pos != std::string::npos; pos = name.find(kSeparator, pos + 1))
        out.push_back(name.substr(0, pos));
    return out;
}

// Every mailbox plus each of its parents, keyed by name.
std::map<std::string, Node> build_tree(const std::vector<storage::MailboxEntry>& entries) {
    std::map<std::string, Node> tree;
    for (const auto& entry : entries) {
        Node& node = tree[entry.name];
        node.exists = true;
        node.has_children = node.has_children || entry.has_children;
        for (const auto& parent : parents_of(entry.name)) tree[parent].has_children = true;
    }
    return tree;
}

std::string list_line(const char* command, const std::string& name, const std::vector<std::string>& attributes) {
    std::string line = command;
    line += ' ';
    proto::append_list(line, attributes);
    line += " \".\" ";
    proto::append_astring(line, mail::utf8_to_mutf7(name));
    return proto::untagged(line);
}

// INBOX first, then the rest in name order.
void order(std::vector<std::pair<std::string, std::vector<std::string>>>& lines) {
    std::sort(lines.begin(), lines.end());
    std::stable_partition(lines.begin(), lines.end(), [](const auto& l) { return l.first == "INBOX"; });
}

std::string render_list(const std::vector<storage::MailboxEntry>& entries, const std::string& pattern) {
    std::vector<std::pair<std::string, std::vector<std::string>>> lines;
    for (const auto& [name, node] : build_tree(entries)) {
        if (!proto::list_pattern_matches(pattern, name, kSeparator)) continue;
        std::vector<std::string> attributes;
        if (!node.exists) attributes.push_back("\\Noselect");
        attributes.push_back(node.has_children ? "\\HasChildren" : "\\HasNoChildren");
        lines.emplace_back(name, std::move(attributes));
    }
    order(lines);
    std::string out;
    for (const auto& [name, attributes] : lines) out += list_line("LIST", name, attributes);
    return out;
}

std::string render_lsub(const std::vector<std::string>& subscribed, const std::string& pattern) {
    std::map<std::string, bool> found;  // name -> only implied by a subscribed child
    for (const auto& name : subscribed) {
        if (proto::list_pattern_matches(pattern, name, kSeparator)) {
            found[name] = false;
            continue;
        }
        for (const auto& parent : parents_of(name))
            if (proto::list_pattern_matches(pattern, parent, kSeparator)) found.emplace(parent, true);
    }
    std::vector<std::pair<std::string, std::vector<std::string>>> lines;
    for (const auto& [name, implied] : found) {
        bool is_subscribed = std::find(subscribed.begin(), subscribed.end(), name) != subscribed.end();
        std::vector<std::string> attributes;
        if (implied && !is_subscribed) attributes.push_back("\\Noselect");
        lines.emplace_back(name, std::move(attributes));
    }
    order(lines);
    std::string out;
    for (const auto& [name, attributes] : lines) out += list_line("LSUB", name, attributes);
    return out;
}

// RFC 3501 §6.3.8: LIST with an empty pattern returns the hierarchy delimiter and the root
// of the reference: "" for a reference without a separator, else its first level with the
// separator ("foo." for "foo.bar"), as Dovecot answers.
std::string delimiter_line(const std::string& reference) {
    auto pos = reference.find(kSeparator);
    std::string root = pos == std::string::npos ? std::string() : mail::utf8_to_mutf7(reference.substr(0, pos + 1));
    std::string line = "LIST (\\Noselect) \".\" ";
    proto::append_astring(line, root);
    return proto::untagged(line);
}

struct Listing {
    storage::SResult<std::vector<storage::MailboxEntry>> entries = std::vector<storage::MailboxEntry>();
    storage::SResult<std::vector<std::string>> subscribed = std::vector<std::string>();
};

}  // namespace

void list(Session& session, proto::Request request) {
    const bool lsub = request.command == "LSUB";
    auto args = proto::parse_list(request.args);
    if (!args) return session.finish(request.tag, "BAD", "", args.error().message);
    const char* done = lsub ? "Lsub completed." : "List completed.";
    if (args->matches_nothing) return session.finish(request.tag, "OK", "", done);
    if (args->pattern.empty()) {
        // LSUB has no such special case (§6.3.9); Dovecot lists nothing.
        if (!lsub) session.send(delimiter_line(args->reference));
        return session.finish(request.tag, "OK", "", done);
    }

    auto listing = std::make_shared<Listing>();
    storage::MailStore& store = session.store();
    std::string pattern = proto::canonical_list_pattern(args->reference, args->pattern, kSeparator);
    session.offload(
        [listing, &store, lsub] {
            if (lsub)
                listing->subscribed = store.subscriptions();
            else
                listing->entries = store.list();
        },
        [&session, listing, pattern = std::move(pattern), lsub, done, tag = request.tag] {
            if (!listing->entries) return session.finish_line(failure_reply(tag, listing->entries.error(), session.user()));
            if (!listing->subscribed)
                return session.finish_line(failure_reply(tag, listing->subscribed.error(), session.user()));
            session.send(lsub ? render_lsub(*listing->subscribed, pattern) : render_list(*listing->entries, pattern));
            session.finish(tag, "OK", "", done);
        });
}

}  // namespace roost::imap::cmd
