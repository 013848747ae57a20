// schema.prisma: only the `datasource` blocks matter here (where Prisma ≤6 reads its connection URLs from).
#include <cctype>

#include "config/connection_url.h"
#include "config/readers.h"

namespace connlint::config {

namespace {

facts::Span span_on(std::uint32_t line, std::size_t begin, std::size_t end) {
  return facts::Span{line, static_cast<std::uint32_t>(begin + 1), line, static_cast<std::uint32_t>(end + 1)};
}

// The line without its `//` comment (a `//` inside a string literal is not a comment: `"postgres://..."`).
std::string_view strip_comment(std::string_view line) {
  bool in_string = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && in_string) {
      ++i;
      continue;
    }
    if (line[i] == '"') in_string = !in_string;
    if (!in_string && line.compare(i, 2, "//") == 0) return line.substr(0, i);
  }
  return line;
}

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

}  // namespace

void read_prisma_schema(const SourceText& source, facts::ConfigFacts& out) {
  enum class Block { None, Datasource, Other };
  Block block = Block::None;
  int depth = 0;
  const std::uint32_t lines = static_cast<std::uint32_t>(source.line_count());
  for (std::uint32_t n = 1; n <= lines; ++n) {
    std::string_view line = strip_comment(source.line(n));
    std::size_t i = line.find_first_not_of(" \t");
    if (i == std::string_view::npos) continue;
    if (depth == 0) {
      // `datasource db {`, `generator client {`, `model User {`
      std::size_t word_end = i;
      while (word_end < line.size() && is_word_char(line[word_end])) ++word_end;
      std::string_view word = line.substr(i, word_end - i);
      if (line.find('{') == std::string_view::npos) continue;
      block = word == "datasource" ? Block::Datasource : Block::Other;
      if (block == Block::Datasource) {
        facts::PrismaDatasource ds;
        std::size_t name_begin = line.find_first_not_of(" \t", word_end);
        std::size_t name_end = name_begin;
        while (name_end < line.size() && is_word_char(line[name_end])) ++name_end;
        if (name_begin != std::string_view::npos) ds.name = std::string(line.substr(name_begin, name_end - name_begin));
        ds.span = span_on(n, i, word_end);
        out.datasources.push_back(std::move(ds));
      }
      for (char c : line) depth += c == '{' ? 1 : c == '}' ? -1 : 0;
      if (depth <= 0) {
        depth = 0;
        block = Block::None;
      }
      continue;
    }
    for (char c : line) depth += c == '{' ? 1 : c == '}' ? -1 : 0;
    if (depth <= 0) {
      depth = 0;
      block = Block::None;
      continue;
    }
    if (block != Block::Datasource) continue;

    // `key = value` inside the datasource.
    std::size_t key_end = i;
    while (key_end < line.size() && is_word_char(line[key_end])) ++key_end;
    std::string key(line.substr(i, key_end - i));
    std::size_t eq = line.find('=', key_end);
    if (key.empty() || eq == std::string_view::npos) continue;
    std::size_t v = line.find_first_not_of(" \t", eq + 1);
    if (v == std::string_view::npos) continue;
    std::size_t v_end = line.find_last_not_of(" \t") + 1;
    auto& ds = out.datasources.back();

    facts::ConfigEntry entry;
    entry.key = key;
    entry.path = "datasource." + ds.name + "." + key;
    entry.scope = ds.name;
    entry.key_span = span_on(n, i, key_end);
    entry.value_span = span_on(n, v, v_end);
    entry.value = std::string(line.substr(v, v_end - v));

    facts::PrismaDatasource::Field* field = key == "url"                 ? &ds.url
                                            : key == "directUrl"         ? &ds.direct_url
                                            : key == "shadowDatabaseUrl" ? &ds.shadow_url
                                                                         : nullptr;
    std::string_view value = line.substr(v, v_end - v);
    if (key == "provider" && value.size() >= 2 && value.front() == '"') {
      ds.provider = std::string(value.substr(1, value.find('"', 1) - 1));
    } else if (field) {
      field->present = true;
      field->span = span_on(n, i, v_end);
      if (value.rfind("env(", 0) == 0) {
        std::size_t q1 = value.find('"'), q2 = q1 == std::string_view::npos ? q1 : value.find('"', q1 + 1);
        if (q2 != std::string_view::npos) field->env = std::string(value.substr(q1 + 1, q2 - q1 - 1));
      } else if (value.front() == '"') {
        auto urls = find_connection_urls(value.substr(1, value.find('"', 1) - 1), n, static_cast<std::uint32_t>(v + 2));
        if (!urls.empty()) {
          urls.front().key = key;
          field->literal = static_cast<int>(out.urls.size());
          out.urls.push_back(std::move(urls.front()));
        }
      }
    }
    out.entries.push_back(std::move(entry));
  }
}

}  // namespace connlint::config
