// dotenv files, read the way the `dotenv` package reads them (Prisma and Next.js load them with it).
#include <cctype>

#include "config/connection_url.h"
#include "config/readers.h"

namespace connlint::config {

namespace {

bool is_key_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-'; }

facts::Span span_on(std::uint32_t line, std::size_t begin, std::size_t end) {
  return facts::Span{line, static_cast<std::uint32_t>(begin + 1), line, static_cast<std::uint32_t>(end + 1)};
}

void add_urls(facts::ConfigFacts& out, std::string_view text, std::uint32_t line, std::size_t column0,
              const std::string& key) {
  for (auto& url : find_connection_urls(text, line, static_cast<std::uint32_t>(column0 + 1))) {
    url.key = key;
    out.urls.push_back(std::move(url));
  }
}

}  // namespace

void read_env_file(const SourceText& source, facts::ConfigFacts& out) {
  const std::uint32_t lines = static_cast<std::uint32_t>(source.line_count());
  for (std::uint32_t n = 1; n <= lines; ++n) {
    std::string_view line = source.line(n);
    std::size_t i = 0;
    auto skip_space = [&] {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    };
    skip_space();
    if (i >= line.size() || line[i] == '#') continue;
    if (line.compare(i, 7, "export ") == 0) {
      i += 7;
      skip_space();
    }
    std::size_t key_begin = i;
    while (i < line.size() && is_key_char(line[i])) ++i;
    if (i == key_begin) continue;
    std::size_t key_end = i;
    skip_space();
    if (i >= line.size() || (line[i] != '=' && line[i] != ':')) continue;
    ++i;
    skip_space();

    facts::ConfigEntry entry;
    entry.key = std::string(line.substr(key_begin, key_end - key_begin));
    entry.path = entry.key;
    entry.key_span = span_on(n, key_begin, key_end);
    char quote = i < line.size() ? line[i] : '\0';
    if (quote == '"' || quote == '\'' || quote == '`') {
      // Quoted: up to the matching quote, possibly on a later line (multi-line values).
      std::size_t begin = i + 1;
      std::uint32_t first_line = n;
      std::string value;
      bool closed = false;
      for (std::uint32_t m = n; m <= lines && !closed; ++m) {
        std::string_view text = m == first_line ? line.substr(begin) : source.line(m);
        std::size_t end = 0;
        for (; end < text.size(); ++end) {
          if (text[end] == '\\' && quote == '"' && end + 1 < text.size()) {
            ++end;
            continue;
          }
          if (text[end] == quote) {
            closed = true;
            break;
          }
        }
        std::size_t column0 = m == first_line ? begin : 0;
        add_urls(out, text.substr(0, end), m, column0, entry.key);
        if (!value.empty() || m != first_line) value += '\n';
        value += std::string(text.substr(0, end));
        if (m == first_line) {
          entry.value_span = span_on(m, begin, begin + end);
        } else {
          entry.value_span.end_line = m;
          entry.value_span.end_column = static_cast<std::uint32_t>(end + 1);
        }
        n = m;
      }
      entry.value = std::move(value);
    } else {
      std::size_t end = line.find('#', i);
      if (end == std::string_view::npos) end = line.size();
      while (end > i && (line[end - 1] == ' ' || line[end - 1] == '\t')) --end;
      entry.value = std::string(line.substr(i, end - i));
      entry.value_span = span_on(n, i, end);
      add_urls(out, line.substr(i, end - i), n, i, entry.key);
    }
    out.entries.push_back(std::move(entry));
  }
}

}  // namespace connlint::config
