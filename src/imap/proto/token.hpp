// What the receiver hands up: one client command as a tag, a command name and a tree of
// argument tokens (RFC 3501 §9 grammar, kept close to the wire; typed argument parsers in
// args*.hpp turn tokens into values). Pure: no storage or network types.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace roost::imap::proto {

struct Token {
    enum class Kind {
        Atom,     // unquoted text, incl. NIL, flags (\Seen), sequence sets, list wildcards
        Quoted,   // "..." with the escapes removed
        Literal,  // {n} / {n+} followed by n octets (the octets are `text`)
        List,     // ( ... ) with the elements in `children`
        Section,  // BODY[...]<...>: `text` is the prefix (e.g. "BODY.PEEK"), `children` the
                  // tokens inside the brackets, `partial` the text between < and > if present
    };
    Kind kind = Kind::Atom;
    std::string text;
    std::vector<Token> children;
    std::optional<std::string> partial;

    bool is_atom() const { return kind == Kind::Atom; }
    bool is_string() const { return kind == Kind::Quoted || kind == Kind::Literal; }
    // NIL is an atom on the wire; whether it means "no value" depends on the argument.
    bool is_nil() const;
    // Atom that equals `word`, ASCII case-insensitively.
    bool is_word(const char* word) const;
};

struct Request {
    std::string tag;
    // Upper-cased. "UID FETCH", "UID STORE"... for the UID forms: the sub-command is moved
    // from the arguments into the name (RFC 3501 §6.4.8).
    std::string command;
    std::vector<Token> args;
};

}  // namespace roost::imap::proto
