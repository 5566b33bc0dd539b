// Text -> tree of Nodes. Besides splitting lines (lexer.cpp), this is where the file-level
// forms are resolved: sections, `!include` / `!include_try`, `<file` values and `$key`
// references. Choices where Dovecot's behaviour is loose or version-dependent:
//  - `!include` of a literal path that does not exist is an error; a glob that matches
//    nothing is not (an empty conf.d/ is a legitimate setup). `!include_try` skips a missing
//    file silently but still reports a file that exists and cannot be read or parsed.
//  - Matches of a glob are read in sorted order (glob(3) sorts), so 10-*.conf precede 20-*.
//  - Relative include and `<file` paths are relative to the directory of the file that
//    names them, not to the working directory.
//  - `$name` in an unquoted value is replaced by the current value of the top-level setting
//    `name` set earlier (in this file or one read before it); an unset name is an error.
//    Quoted values are literal, which is how a value keeps a `$`.
//  - Each file must close the sections it opens.
#include "config/parser.hpp"

#include <cerrno>
#include <filesystem>
#include <glob.h>
#include <map>
#include <sys/stat.h>

#include "base/files.hpp"
#include "config/error.hpp"
#include "config/lexer.hpp"

namespace roost::config {
namespace {

// Deep enough for any sane layout, shallow enough to stop runaway recursion quickly.
constexpr size_t max_include_depth = 20;

std::string directory_of(const std::string& path) {
    std::string dir = std::filesystem::path(path).parent_path().string();
    return dir.empty() ? "." : dir;
}

std::string join_path(const std::string& dir, const std::string& path) {
    if (!path.empty() && path.front() == '/') return path;
    return dir + "/" + path;
}

std::string absolute_path(const std::string& path) {
    std::error_code ec;
    auto abs = std::filesystem::absolute(path, ec);
    return ec ? path : abs.lexically_normal().string();
}

// Directory names may contain glob metacharacters; only the pattern the admin wrote is a glob.
std::string escape_glob(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '*' || c == '?' || c == '[' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

bool has_glob_chars(const std::string& pattern) { return pattern.find_first_of("*?[") != std::string::npos; }

// A folder that does not exist simply has no matches; one that cannot be read is an error,
// since skipping it would silently drop settings.
int glob_error(const char*, int error) { return error == ENOENT || error == ENOTDIR ? 0 : 1; }

class Parser {
public:
    Result<void> parse(const std::string& text, const std::string& name, const std::string& base_dir,
                       std::vector<Node>& out);
    Result<void> parse_path(const std::string& path, const Location* included_from, std::vector<Node>& out);

private:
    Result<std::string> expand_refs(const std::string& value, const Location& where) const;
    Result<Node> make_setting(const lexer::Line& line, const Location& where, const std::string& base_dir) const;
    Result<void> include(const lexer::Line& line, const Location& where, const std::string& base_dir,
                         std::vector<Node>& out);

    std::map<std::string, std::string> top_level_values_;  // for $key
    std::vector<std::string> open_files_;                   // canonical paths, for cycles
    size_t outer_sections_ = 0;                             // sections open in including files
};

Result<std::string> Parser::expand_refs(const std::string& value, const Location& where) const {
    std::string out;
    for (size_t i = 0; i < value.size(); ++i) {
        char c = value[i];
        bool starts_name = i + 1 < value.size() &&
                           ((value[i + 1] >= 'a' && value[i + 1] <= 'z') ||
                            (value[i + 1] >= 'A' && value[i + 1] <= 'Z') || value[i + 1] == '_');
        if (c != '$' || !starts_name) {
            out += c;
            continue;
        }
        size_t end = i + 1;
        while (end < value.size() && lexer::is_key_char(value[end]) && value[end] != '-' && value[end] != '.') ++end;
        std::string name = value.substr(i + 1, end - i - 1);
        auto found = top_level_values_.find(name);
        if (found == top_level_values_.end())
            return error_at(where, "$" + name + " refers to a setting that is not set before this line");
        out += found->second;
        i = end - 1;
    }
    return out;
}

Result<Node> Parser::make_setting(const lexer::Line& line, const Location& where,
                                  const std::string& base_dir) const {
    Node node{Node::Kind::Setting, line.key, line.value, where, {}, {}};
    if (!line.quoted) {
        auto expanded = expand_refs(line.value, where);
        if (!expanded) return expanded.error();
        node.value = std::move(*expanded);
    }
    if (line.file_ref) {
        std::string path = join_path(base_dir, node.value);
        auto content = files::read_all(path);
        if (!content) return error_at(where, line.key + " = <" + node.value + ": " + content.error().message);
        node.value = std::move(*content);  // kept whole, trailing newline included (PEM)
        node.value_file = absolute_path(path);
    }
    return node;
}

Result<void> Parser::include(const lexer::Line& line, const Location& where, const std::string& base_dir,
                             std::vector<Node>& out) {
    const std::string directive = line.include_try ? "!include_try " : "!include ";
    std::string pattern = line.value;
    std::vector<std::string> paths;
    if (!line.quoted && has_glob_chars(pattern)) {
        std::string full = pattern.front() == '/' ? pattern : escape_glob(base_dir) + "/" + pattern;
        glob_t matches{};
        int rc = ::glob(full.c_str(), 0, glob_error, &matches);
        if (rc == 0)
            for (size_t i = 0; i < matches.gl_pathc; ++i) paths.emplace_back(matches.gl_pathv[i]);
        ::globfree(&matches);
        if (rc != 0 && rc != GLOB_NOMATCH) return error_at(where, directive + pattern + ": cannot list the directory");
    } else {
        std::string path = join_path(base_dir, pattern);
        struct stat st {};
        if (line.include_try && ::stat(path.c_str(), &st) != 0 && errno == ENOENT) return {};
        paths.push_back(std::move(path));
    }
    for (const auto& path : paths) {
        auto parsed = parse_path(path, &where, out);
        if (!parsed) return parsed;
    }
    return {};
}

Result<void> Parser::parse_path(const std::string& path, const Location* included_from, std::vector<Node>& out) {
    auto fail = [&](const std::string& reason) -> Error {
        return included_from ? error_at(*included_from, reason) : make_error(reason);
    };
    std::error_code ec;
    std::string canonical = std::filesystem::weakly_canonical(path, ec).string();
    if (ec) canonical = path;
    for (const auto& open : open_files_)
        if (open == canonical) return fail("include cycle: " + path + " is already being read");
    if (open_files_.size() >= max_include_depth)
        return fail("includes nested too deep (more than " + std::to_string(max_include_depth) + " levels) at " + path);
    auto text = files::read_all(path);
    if (!text) return fail(text.error().message);
    open_files_.push_back(canonical);
    auto parsed = parse(*text, path, directory_of(path), out);
    open_files_.pop_back();
    return parsed;
}

Result<void> Parser::parse(const std::string& text, const std::string& name, const std::string& base_dir,
                           std::vector<Node>& out) {
    std::vector<Node> open;  // sections opened in this file, innermost last
    auto target = [&]() -> std::vector<Node>& { return open.empty() ? out : open.back().children; };
    int line_no = 0;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t eol = text.find('\n', pos);
        if (eol == std::string::npos) eol = text.size();
        std::string_view raw(text.data() + pos, eol - pos);
        pos = eol + 1;
        Location where{name, ++line_no};
        auto line = lexer::lex_line(raw);
        if (!line) return error_at(where, line.error().message);
        switch (line->kind) {
        case lexer::Line::Kind::Blank:
            break;
        case lexer::Line::Kind::Setting: {
            auto node = make_setting(*line, where, base_dir);
            if (!node) return node.error();
            if (open.empty() && outer_sections_ == 0) top_level_values_[node->key] = node->value;
            target().push_back(std::move(*node));
            break;
        }
        case lexer::Line::Kind::SectionOpen:
            open.push_back(Node{Node::Kind::Section, line->key, line->value, where, {}, {}});
            break;
        case lexer::Line::Kind::SectionClose: {
            if (open.empty()) return error_at(where, "'}' without a section to close");
            Node done = std::move(open.back());
            open.pop_back();
            target().push_back(std::move(done));
            break;
        }
        case lexer::Line::Kind::Include: {
            outer_sections_ += open.size();
            auto included = include(*line, where, base_dir, target());
            outer_sections_ -= open.size();
            if (!included) return included;
            break;
        }
        }
    }
    if (!open.empty()) {
        const Node& unclosed = open.back();
        return error_at(unclosed.where, "section '" + unclosed.key + (unclosed.value.empty() ? "" : " " + unclosed.value) +
                                            "' is not closed: missing '}' before the end of the file");
    }
    return {};
}

}  // namespace

Result<std::vector<Node>> parse_file(const std::string& path) {
    Parser parser;
    std::vector<Node> nodes;
    auto parsed = parser.parse_path(path, nullptr, nodes);
    if (!parsed) return parsed.error();
    return nodes;
}

Result<std::vector<Node>> parse_text(const std::string& text, const std::string& name, const std::string& base_dir) {
    Parser parser;
    std::vector<Node> nodes;
    auto parsed = parser.parse(text, name, base_dir, nodes);
    if (!parsed) return parsed.error();
    return nodes;
}

}  // namespace roost::config
