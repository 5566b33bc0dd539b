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

// local-part = word *("." word), kept as written between the words (quotes removed).
std::string parse_local_part(Rfc822Lexer& lex) {
    std::string out;
    for (;;) {
        lex.skip_cfws();
        if (auto quoted = lex.quoted_string()) {
            out += *quoted;
        } else {
            std::string_view atom = lex.atom();
            if (atom.empty()) break;
            out += atom;
        }
        lex.skip_cfws();
        if (lex.peek() != '.') break;
        lex.set_position(lex.position() + 1);
        out += '.';
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
        // Look past CFWS for a '.', but leave a comment after the domain to trailing_comment.
        size_t after_atom = lex.position();
        lex.skip_cfws();
        if (lex.peek() != '.') {
            lex.set_position(after_atom);
            break;
        }
        lex.set_position(lex.position() + 1);
        out += '.';
    }
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
    fill_addr_spec(lex, address);
    // Skip whatever is left up to the closing '>'.
    size_t close = lex.text().find('>', lex.position());
    lex.set_position(close == std::string_view::npos ? lex.text().size() : close + 1);
}

// Skips to just past the next ',' (or ';' when in a group), for junk the grammar cannot place.
void skip_junk(Rfc822Lexer& lex) {
    while (!lex.at_end() && lex.peek() != ',' && lex.peek() != ';') {
        if (lex.peek() == '"') {
            lex.quoted_string();
        } else if (lex.peek() == '(') {
            lex.comment();
        } else {
            lex.set_position(lex.position() + 1);
        }
    }
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
        } else if (phrase.quoted && lex.peek() != '@' && lex.peek() != '.') {
            // Only a display name, no address at all.
            address.name = phrase.text;
            address.mailbox = kMissingMailbox;
            address.host = kMissingDomain;
        } else {
            lex.set_position(start);
            fill_addr_spec(lex, address);
            address.name = trailing_comment(lex);
        }
        lex.skip_cfws();
        if (!lex.at_end() && lex.peek() != ',' && lex.peek() != ';') skip_junk(lex);
        if (lex.position() == start) lex.set_position(start + 1);  // never loop in place
        out.push_back(std::move(address));
    }
    if (in_group) out.push_back(Address{});
    return out;
}

}  // namespace roost::mail
