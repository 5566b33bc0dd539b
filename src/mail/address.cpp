#include "mail/address.hpp"

#include "mail/rfc822_lexer.hpp"

namespace roost::mail {
namespace {

constexpr const char* kMissingMailbox = "MISSING_MAILBOX";
constexpr const char* kMissingDomain = "MISSING_DOMAIN";

struct Phrase {
    std::string text;
    size_t words = 0;
    bool quoted = false;  // some word was a quoted string
};

// phrase = 1*word, words joined by one space; '.' is accepted inside (obs-phrase, "John Q.").
Phrase parse_phrase(Rfc822Lexer& lex) {
    Phrase phrase;
    for (;;) {
        lex.skip_cfws();
        std::string word;
        if (auto quoted = lex.quoted_string()) {
            word = std::move(*quoted);
            phrase.quoted = true;
        } else {
            size_t start = lex.position();
            while (!lex.at_end() && (is_atext(lex.peek()) || lex.peek() == '.')) lex.set_position(lex.position() + 1);
            if (lex.position() == start) break;
            word = std::string(lex.text().substr(start, lex.position() - start));
        }
        if (phrase.words++) phrase.text += ' ';
        phrase.text += word;
    }
    return phrase;
}

// local-part = word *("." word), kept as written between the words (quotes removed). Empty
// words are accepted (obs-local-part: "....@host" is seen in spam and Dovecot keeps it).
std::string parse_local_part(Rfc822Lexer& lex) {
    std::string out;
    bool after_word = false;
    for (;;) {
        size_t before = lex.position();
        lex.skip_cfws();
        if (lex.peek() == '.') {
            lex.set_position(lex.position() + 1);
            out += '.';
            after_word = false;
            continue;
        }
        if (after_word) {
            lex.set_position(before);  // leave a trailing comment for trailing_comment()
            break;
        }
        if (auto quoted = lex.quoted_string()) {
            out += *quoted;
        } else {
            std::string_view atom = lex.atom();
            if (atom.empty()) {
                lex.set_position(before);
                break;
            }
            out += atom;
        }
        after_word = true;
    }
    return out;
}

// domain = dot-atom / domain-literal ("[1.2.3.4]")
std::string parse_domain(Rfc822Lexer& lex) {
    lex.skip_cfws();
    if (lex.peek() == '[') {
        size_t start = lex.position();
        size_t end = lex.text().find(']', start);
        end = end == std::string_view::npos ? lex.text().size() : end + 1;
        lex.set_position(end);
        return std::string(lex.text().substr(start, end - start));
    }
    std::string out;
    for (;;) {
        lex.skip_cfws();
        std::string_view atom = lex.atom();
        if (atom.empty()) break;
        out += atom;
        // A comment after the last atom stays for trailing_comment().
        size_t after_atom = lex.position();
        lex.skip_cfws();
        if (lex.peek() != '.') {
            lex.set_position(after_atom);
            break;
        }
        lex.set_position(lex.position() + 1);
        out += '.';
    }
    // "host." with nothing after the dot is no domain: the caller reports it missing.
    if (!out.empty() && out.back() == '.') return std::string();
    return out;
}

void fill_addr_spec(Rfc822Lexer& lex, Address& address) {
    std::string local = parse_local_part(lex);
    address.mailbox = local.empty() ? std::string(kMissingMailbox) : local;
    std::string domain;
    if (lex.accept('@')) domain = parse_domain(lex);
    address.host = domain.empty() ? std::string(kMissingDomain) : domain;
}

// A comment right after an addr-spec names the mailbox: "joe@ex.com (Joe Cool)".
std::optional<std::string> trailing_comment(Rfc822Lexer& lex) {
    std::optional<std::string> name;
    for (;;) {
        while (!lex.at_end() && (lex.peek() == ' ' || lex.peek() == '\t' || lex.peek() == '\r' || lex.peek() == '\n'))
            lex.set_position(lex.position() + 1);
        auto comment = lex.comment();
        if (!comment) break;
        if (!name) name = std::move(comment);
    }
    return name;
}

// angle-addr = "<" [route ":"] addr-spec ">"; the lexer is past '<'.
void parse_angle_addr(Rfc822Lexer& lex, Address& address) {
    lex.skip_cfws();
    if (lex.peek() == '@') {
        // obs-route = obs-domain-list ":"
        size_t start = lex.position();
        size_t colon = lex.text().find(':', start);
        size_t close = lex.text().find('>', start);
        if (colon != std::string_view::npos && (close == std::string_view::npos || colon < close)) {
            std::string route;
            for (char c : lex.text().substr(start, colon - start))
                if (c != ' ' && c != '\t' && c != '\r' && c != '\n') route += c;
            address.route = route;
            lex.set_position(colon + 1);
        }
    }
    std::string local = parse_local_part(lex);
    address.mailbox = local.empty() ? std::string(kMissingMailbox) : local;
    lex.skip_cfws();
    std::string domain;
    if (lex.accept('@')) {
        domain = parse_domain(lex);
        if (domain.empty()) domain = kMissingDomain;
    } else if (lex.peek() != '>' && !lex.at_end()) {
        // Something else follows the local part inside <...>: Dovecot names the host thus.
        domain = "SYNTAX_ERROR";
    } else {
        domain = kMissingDomain;
    }
    address.host = domain;
    // Skip whatever is left up to the closing '>'.
    size_t close = lex.text().find('>', lex.position());
    lex.set_position(close == std::string_view::npos ? lex.text().size() : close + 1);
}

}  // namespace

std::vector<Address> parse_address_list(std::string_view value) {
    std::vector<Address> out;
    Rfc822Lexer lex(value);
    bool in_group = false;
    while (lex.skip_cfws()) {
        char c = lex.peek();
        if (c == ',') {
            lex.set_position(lex.position() + 1);
            continue;
        }
        if (c == ';') {
            lex.set_position(lex.position() + 1);
            if (in_group) out.push_back(Address{});
            in_group = false;
            continue;
        }
        size_t start = lex.position();
        Phrase phrase = parse_phrase(lex);
        lex.skip_cfws();
        Address address;
        if (lex.peek() == ':' && phrase.words > 0 && !in_group) {
            lex.set_position(lex.position() + 1);
            address.mailbox = phrase.text;
            out.push_back(address);
            in_group = true;
            continue;
        }
        if (lex.peek() == '<') {
            lex.set_position(lex.position() + 1);
            if (!phrase.text.empty()) address.name = phrase.text;
            parse_angle_addr(lex, address);
        } else if ((phrase.quoted && lex.peek() != '@' && lex.peek() != '.') || phrase.words > 1) {
            // Only a display name, no address at all. Several words without <...> leave the
            // rest of the list unreadable: Dovecot stops there, and so do we.
            address.name = phrase.text;
            address.mailbox = kMissingMailbox;
            address.host = kMissingDomain;
            out.push_back(std::move(address));
            if (phrase.words > 1) break;
            lex.skip_cfws();
            if (!lex.at_end() && lex.peek() != ',' && lex.peek() != ';') break;
            continue;
        } else {
            lex.set_position(start);
            fill_addr_spec(lex, address);
            address.name = trailing_comment(lex);
        }
        out.push_back(std::move(address));
        lex.skip_cfws();
        // Anything but a separator after an address is a syntax error that Dovecot does not
        // read past; neither do we.
        if (!lex.at_end() && lex.peek() != ',' && lex.peek() != ';') break;
    }
    if (in_group) out.push_back(Address{});
    return out;
}

}  // namespace roost::mail
