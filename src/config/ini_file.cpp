// pgbouncer.ini, and files read only for the connection URLs on their lines (vercel.json, netlify.toml).
#include "config/connection_url.h"
#include "config/readers.h"

namespace connlint::config {

namespace {

constexpr std::size_t npos = std::string_view::npos;

facts::Span span_on(std::uint32_t line, std::size_t begin, std::size_t end) {
  return facts::Span{line, static_cast<std::uint32_t>(begin + 1), line, static_cast<std::uint32_t>(end + 1)};
}

}  // namespace

void read_ini_file(const SourceText& source, facts::ConfigFacts& out) {
  std::string section;
  const std::uint32_t lines = static_cast<std::uint32_t>(source.line_count());
  for (std::uint32_t n = 1; n <= lines; ++n) {
    std::string_view line = source.line(n);
    std::size_t i = line.find_first_not_of(" \t");
    if (i == npos || line[i] == ';' || line[i] == '#') continue;
    if (line[i] == '[') {
      std::size_t close = line.find(']', i);
      section = std::string(line.substr(i + 1, close == npos ? npos : close - i - 1));
      continue;
    }
    std::size_t eq = line.find('=', i);
    if (eq == npos) continue;
    std::size_t key_end = eq;
    while (key_end > i && (line[key_end - 1] == ' ' || line[key_end - 1] == '\t')) --key_end;
    std::size_t v = line.find_first_not_of(" \t", eq + 1);
    std::size_t v_end = line.find_last_not_of(" \t") + 1;
    facts::ConfigEntry entry;
    entry.key = std::string(line.substr(i, key_end - i));
    entry.path = section.empty() ? entry.key : section + "." + entry.key;
    entry.scope = section;
    entry.key_span = span_on(n, i, key_end);
    if (v != npos && v < v_end) {
      entry.value = std::string(line.substr(v, v_end - v));
      entry.value_span = span_on(n, v, v_end);
      for (auto& url : find_connection_urls(line.substr(v, v_end - v), n, static_cast<std::uint32_t>(v + 1))) {
        url.key = entry.key;
        out.urls.push_back(std::move(url));
      }
    }
    out.entries.push_back(std::move(entry));
  }
}

void read_urls_only(const SourceText& source, facts::ConfigFacts& out) {
  const std::uint32_t lines = static_cast<std::uint32_t>(source.line_count());
  for (std::uint32_t n = 1; n <= lines; ++n)
    for (auto& url : find_connection_urls(source.line(n), n, 1)) out.urls.push_back(std::move(url));
}

}  // namespace connlint::config
