// LIST and LSUB (RFC 3501 §6.3.8, §6.3.9). Names are UTF-8 inside Roost and go out in
// modified UTF-7. Levels of hierarchy that only exist as parents of real mailboxes are
// listed with \Noselect so that "%" walks the tree.
//
// Deviation (until issue 3 stores subscriptions): LSUB treats every existing mailbox as
// subscribed, where Dovecot lists only subscribed ones.
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

// Every mailbox plus each of its parents, keyed by name.
std::map<std::string, Node> build_tree(const std::vector<storage::MailboxEntry>& entries) {
    std::map<std::string, Node> tree;
    for (const auto& entry : entries) {
        Node& node = tree[entry.name];
        node.exists = true;
        node.has_children = node.has_children || entry.has_children;
        for (size_t pos = entry.name.find(kSeparator); pos != std::string::npos;
             pos = entry.name.find(kSeparator, pos + 1))
            tree[entry.name.substr(0, pos)].has_children = true;
    }
    return tree;
}

std::string list_line(const char* command, const std::string& name, const Node& node, bool lsub) {
    std::vector<std::string> attributes;
    if (!node.exists) attributes.push_back("\\Noselect");
    if (!lsub) attributes.push_back(node.has_children ? "\\HasChildren" : "\\HasNoChildren");
    std::string line = command;
    line += ' ';
    proto::append_list(line, attributes);
    line += " \".\" ";
    proto::append_astring(line, name == "INBOX" ? name : mail::utf8_to_mutf7(name));
    return proto::untagged(line);
}

std::string render(const std::vector<storage::MailboxEntry>& entries, const proto::ListArgs& args, bool lsub) {
    const char* command = lsub ? "LSUB" : "LIST";
    if (args.pattern.empty()) {
        // RFC 3501 §6.3.8: an empty pattern asks for the hierarchy separator and root.
        return proto::untagged(std::string(command) + " (\\Noselect) \".\" \"\"");
    }
    std::string pattern = proto::canonical_list_pattern(args.reference, args.pattern, kSeparator);
    auto tree = build_tree(entries);
    std::vector<std::pair<std::string, Node>> matches;
    for (const auto& [name, node] : tree)
        if (proto::list_pattern_matches(pattern, name, kSeparator)) matches.emplace_back(name, node);
    // INBOX first, then the rest in name order (as Dovecot lists them).
    std::stable_partition(matches.begin(), matches.end(), [](const auto& m) { return m.first == "INBOX"; });
    std::string out;
    for (const auto& [name, node] : matches) out += list_line(command, name, node, lsub);
    return out;
}

}  // namespace

void list(Session& session, proto::Request request) {
    bool lsub = request.command == "LSUB";
    auto args = proto::parse_list(request.args);
    if (!args) return session.finish(request.tag, "BAD", "", args.error().message);

    auto entries = std::make_shared<storage::SResult<std::vector<storage::MailboxEntry>>>(
        std::vector<storage::MailboxEntry>());
    storage::MailStore& store = session.store();
    bool needs_store = !args->pattern.empty();
    session.offload([entries, &store, needs_store] {
                        if (needs_store) *entries = store.list();
                    },
                    [&session, entries, args = std::move(*args), lsub, tag = request.tag] {
                        if (!*entries) return session.finish_line(failure_reply(tag, entries->error(), session.user()));
                        session.send(render(entries->value(), args, lsub));
                        session.finish(tag, "OK", "", lsub ? "Lsub completed." : "List completed.");
                    });
}

}  // namespace roost::imap::cmd
