#include "driver/prefilter.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <deque>
#include <optional>
#include <thread>

#include "config/connection_url.h"
#include "core/source_file.h"
#include "rules/rule_util.h"

namespace connlint {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxSpecifierLength = 512;

bool is_identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The identifier that ends right before `end` (after skipping white space), or "".
std::string_view word_before(std::string_view text, std::size_t end) {
  while (end > 0 && is_space(text[end - 1])) --end;
  std::size_t begin = end;
  while (begin > 0 && is_identifier_char(text[begin - 1])) --begin;
  return text.substr(begin, end - begin);
}

enum class SpecifierPosition { None, From, Import, Call };

// Is the string literal opening at `quote` a module specifier: `from '...'`, `import '...'`, `require('...')`,
// `import('...')`?
SpecifierPosition specifier_position(std::string_view text, std::size_t quote) {
  std::size_t k = quote;
  while (k > 0 && is_space(text[k - 1])) --k;
  if (k > 0 && text[k - 1] == '(') {
    std::string_view callee = word_before(text, k - 1);
    return callee == "require" || callee == "import" ? SpecifierPosition::Call : SpecifierPosition::None;
  }
  std::string_view keyword = word_before(text, k);
  if (keyword == "from") return SpecifierPosition::From;
  if (keyword == "import") return SpecifierPosition::Import;
  return SpecifierPosition::None;
}

// The clause of `import <clause> from` / `export <clause> from` that ends where `from` begins, split into the names it
// binds; whole_module for default and namespace imports, `export *`, and anything not understood.
void read_clause(std::string_view text, std::size_t from_keyword, ScannedImport& out) {
  // Back to the nearest `import` or `export` keyword (a clause is short; give up past 4 KiB).
  std::size_t limit = from_keyword > 4096 ? from_keyword - 4096 : 0;
  std::size_t begin = std::string_view::npos;
  for (std::size_t p = from_keyword; p-- > limit;) {
    if (!is_identifier_char(text[p]) || (p > 0 && is_identifier_char(text[p - 1]))) continue;
    std::size_t e = p;
    while (e < text.size() && is_identifier_char(text[e])) ++e;
    std::string_view w = text.substr(p, e - p);
    if (w == "import" || w == "export") {
      begin = e;
      break;
    }
  }
  if (begin == std::string_view::npos || begin > from_keyword) {
    out.whole_module = true;
    return;
  }
  std::string_view clause = text.substr(begin, from_keyword - begin);
  auto open = clause.find('{'), close = clause.rfind('}');
  std::string_view outside = clause;
  if (open != std::string_view::npos) {
    if (close == std::string_view::npos || close < open) {
      out.whole_module = true;
      return;
    }
    outside = clause.substr(0, open);
  }
  // Outside the braces only `type` and a comma may stand; anything else is a default or namespace import.
  std::string word;
  auto flush_outside = [&] {
    if (!word.empty() && word != "type") out.whole_module = true;
    word.clear();
  };
  for (char c : outside) {
    if (is_identifier_char(c))
      word += c;
    else if (c == '*')
      out.whole_module = true;
    else
      flush_outside();
  }
  flush_outside();
  if (open == std::string_view::npos) {
    if (clause.find_first_not_of(" \t\r\n") != std::string_view::npos && out.names.empty()) out.whole_module = true;
    return;
  }
  // Inside: `A`, `type B`, `C as D`: the imported name is the first identifier that is not `type`.
  std::string_view inside = clause.substr(open + 1, close - open - 1);
  std::size_t at = 0;
  while (at <= inside.size()) {
    std::size_t comma = inside.find(',', at);
    std::string_view item = inside.substr(at, comma == std::string_view::npos ? std::string_view::npos : comma - at);
    std::size_t i = 0;
    while (i < item.size()) {
      while (i < item.size() && !is_identifier_char(item[i]) && item[i] != '"' && item[i] != '\'') ++i;
      if (i < item.size() && (item[i] == '"' || item[i] == '\'')) {  // `{ "a-b" as ab }`: an arbitrary name
        out.whole_module = true;
        break;
      }
      std::size_t j = i;
      while (j < item.size() && is_identifier_char(item[j])) ++j;
      std::string_view name = item.substr(i, j - i);
      if (name.empty()) break;
      if (name != "type") {
        out.names.emplace_back(name);
        break;
      }
      i = j;
    }
    if (comma == std::string_view::npos) break;
    at = comma + 1;
  }
}

bool is_scheme_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.'; }

bool mentions_database_url(std::string_view text) {
  for (std::size_t at = text.find("://"); at != std::string_view::npos; at = text.find("://", at + 3)) {
    std::size_t begin = at;
    while (begin > 0 && is_scheme_char(text[begin - 1])) --begin;
    std::string scheme(text.substr(begin, at - begin));
    for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (config::is_database_scheme(scheme)) return true;
  }
  return false;
}

enum class Binds { Nothing, HandleType, Constructor };

// What this import binds of the library, as the file uses it: a constructor (or the whole module), or only what names a
// handle (a handle type, a model base)? A name that is a whole catalog path (`PrismaClient`) counts as imported; the
// first step of a longer one (`Prisma` of `Prisma.TransactionClient`) counts when the rest is written in the file
// (`Prisma.LinkWhereInput` is not).
Binds binds_handle_maker(const Library& lib, const ScannedImport& import, std::string_view text) {
  if (import.whole_module) return Binds::Constructor;
  auto matches = [&](const std::string& path, const std::string& name) {
    if (path.empty()) return name == "default";
    auto dot = path.find('.');
    if (path.compare(0, dot, name) != 0 || (dot == std::string::npos ? path.size() : dot) != name.size()) return false;
    return dot == std::string::npos || text.find(std::string_view(path).substr(dot)) != std::string_view::npos;
  };
  Binds found = Binds::Nothing;
  for (const auto& name : import.names) {
    for (const auto& c : lib.constructors)
      if (matches(c.export_path, name)) return Binds::Constructor;
    for (const auto& [kind_name, kind] : lib.handles)
      for (const auto& t : kind.types)
        if (matches(t, name)) found = Binds::HandleType;
    for (const auto& m : lib.model_bases)
      if (matches(m.export_path, name)) found = Binds::HandleType;
  }
  return found;
}

struct Scanned {
  bool read = false;           // false: unreadable (too large, binary, missing): left to the parser to report
  bool uses_database = false;  // binds a handle maker of a database library, or writes a connection URL
  bool entry_point = false;    // may define a request handler (rules/rule_util.h)
  bool may_construct = false;  // binds a client constructor (or a whole library module), or writes a connection URL
  std::vector<std::string> specifiers;
  std::vector<std::optional<std::string>> targets;  // what each specifier resolves to (by the scanning thread)
};

Scanned scan_text(const std::string& path, std::string_view text, const Catalog& catalog, bool entry_points) {
  Scanned out;
  out.read = true;
  out.entry_point = entry_points && rules::may_define_request_handler(path, text);
  ImportScan scan = scan_imports(text);
  out.uses_database = out.may_construct = scan.database_url;
  for (auto& import : scan.imports) {
    if (const Library* lib = catalog.library_for_module(import.specifier))
      if (!lib->slow) {
        Binds binds = binds_handle_maker(*lib, import, text);
        if (binds != Binds::Nothing) out.uses_database = true;
        if (binds == Binds::Constructor) out.may_construct = true;
      }
    out.specifiers.push_back(std::move(import.specifier));
  }
  return out;
}

Scanned scan_file(const PrefilterInput& input, const std::string& rel, const Catalog& catalog) {
  if (input.overrides)
    if (auto o = input.overrides->find(rel); o != input.overrides->end())
      return scan_text(rel, o->second, catalog, input.find_entry_points);
  RawFile raw = read_file_bytes((input.cwd / rel).string(), input.max_file_bytes);
  if (!raw.content) return Scanned{};
  return scan_text(rel, *raw.content, catalog, input.find_entry_points);
}

// Scans the files and resolves their imports, on `resolvers.size()` threads (one resolver each: resolving is as much
// of the pre-pass as scanning, with a stat() per candidate file, and on one thread it kept two threads from being
// faster than one). Resolution depends only on the file system, so each thread's answers are the same.
std::vector<Scanned> scan_all(const PrefilterInput& input, const std::vector<std::string>& paths,
                              const Catalog& catalog, std::vector<index::ModuleResolver*>& resolvers) {
  std::vector<Scanned> results(paths.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&](index::ModuleResolver& resolver) {
    for (std::size_t i; (i = next.fetch_add(1)) < paths.size();) {
      results[i] = scan_file(input, paths[i], catalog);
      for (const auto& spec : results[i].specifiers) results[i].targets.push_back(resolver.resolve(paths[i], spec));
    }
  };
  std::size_t n = std::max<std::size_t>(1, std::min(resolvers.size(), paths.size()));
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < n; ++t) threads.emplace_back(worker, std::ref(*resolvers[t]));
  worker(*resolvers[0]);
  for (auto& t : threads) t.join();
  return results;
}

}  // namespace

ImportScan scan_imports(std::string_view text) {
  ImportScan out;
  // Every quote character may open a string literal; trying each one (rather than tracking lexer state through
  // comments, regular expressions and templates) cannot miss a literal the parser would see.
  for (std::size_t i = 0; i < text.size(); ++i) {
    char quote = text[i];
    if (quote != '\'' && quote != '"' && quote != '`') continue;
    std::size_t end = i + 1;
    while (end < text.size() && end - i <= kMaxSpecifierLength && text[end] != quote && text[end] != '\n') ++end;
    if (end >= text.size() || text[end] != quote || end == i + 1) continue;
    SpecifierPosition position = specifier_position(text, i);
    if (position == SpecifierPosition::None) continue;
    ScannedImport import;
    import.specifier = std::string(text.substr(i + 1, end - i - 1));
    if (position == SpecifierPosition::From) {
      std::size_t k = i;
      while (k > 0 && is_space(text[k - 1])) --k;
      read_clause(text, k - 4, import);
    } else {
      import.whole_module = true;
    }
    auto same = std::find_if(out.imports.begin(), out.imports.end(),
                             [&](const ScannedImport& s) { return s.specifier == import.specifier; });
    if (same == out.imports.end()) {
      out.imports.push_back(std::move(import));
    } else {
      same->whole_module = same->whole_module || import.whole_module;
      same->names.insert(same->names.end(), import.names.begin(), import.names.end());
    }
  }
  out.database_url = mentions_database_url(text);
  return out;
}

PrefilterResult prefilter(const PrefilterInput& input, const Catalog& catalog, index::ModuleResolver& resolver) {
  // The import graph of the files and of what they import, scanned breadth first.
  std::vector<std::string> nodes = input.files;
  std::map<std::string, std::size_t> node_of;
  for (std::size_t i = 0; i < nodes.size(); ++i) node_of.emplace(nodes[i], i);
  PrefilterResult result;
  std::vector<bool> relevant;
  std::set<std::size_t> entry_point;
  std::vector<std::vector<std::size_t>> importers;  // reverse edges
  std::size_t scanned = 0, context = 0;
  // The caller's resolver for this thread (it keeps what it learnt for the rest of the run), copies for the others.
  std::vector<index::ModuleResolver> copies(std::max(1u, input.jobs) - 1, resolver);
  std::vector<index::ModuleResolver*> resolvers{&resolver};
  for (auto& copy : copies) resolvers.push_back(&copy);
  while (scanned < nodes.size()) {
    std::vector<std::string> batch(nodes.begin() + static_cast<std::ptrdiff_t>(scanned), nodes.end());
    std::vector<Scanned> results = scan_all(input, batch, catalog, resolvers);
    relevant.resize(nodes.size(), false);
    importers.resize(nodes.size());
    for (std::size_t b = 0; b < batch.size(); ++b) {
      std::size_t node = scanned + b;
      const Scanned& s = results[b];
      if (!s.read || s.uses_database) relevant[node] = true;
      if (s.entry_point) entry_point.insert(node);
      if (s.may_construct && node < input.files.size()) result.may_construct.insert(input.files[node]);
      for (const auto& target : s.targets) {
        if (!target) continue;
        auto [it, added] = node_of.emplace(*target, nodes.size());
        if (added) {
          if (context >= input.max_context_files) {
            node_of.erase(it);
            continue;
          }
          ++context;
          nodes.push_back(*target);
          relevant.push_back(false);
          importers.emplace_back();
        }
        importers[it->second].push_back(node);
      }
    }
    scanned += batch.size();
  }
  for (std::size_t i = 0; i < input.files.size(); ++i) {
    if (relevant[i]) result.direct.insert(input.files[i]);
    if (entry_point.count(i)) result.entry_points.insert(input.files[i]);
  }
  // Whatever imports a relevant file, directly or through others, is relevant.
  std::deque<std::size_t> queue;
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (relevant[i]) queue.push_back(i);
  while (!queue.empty()) {
    std::size_t node = queue.front();
    queue.pop_front();
    for (std::size_t importer : importers[node])
      if (!relevant[importer]) {
        relevant[importer] = true;
        queue.push_back(importer);
      }
  }
  for (std::size_t i = 0; i < input.files.size(); ++i)
    if (relevant[i]) result.needed.insert(input.files[i]);
  return result;
}

}  // namespace connlint
