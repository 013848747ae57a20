// A line reader for the YAML of compose files, Kubernetes manifests and Helm values: enough structure to know which
// key (or environment variable) holds which value, and which compose service it belongs to.
#include <cctype>
#include <string>
#include <vector>

#include "config/connection_url.h"
#include "config/readers.h"

namespace connlint::config {

namespace {

constexpr std::size_t npos = std::string_view::npos;

facts::Span span_on(std::uint32_t line, std::size_t begin, std::size_t end) {
  return facts::Span{line, static_cast<std::uint32_t>(begin + 1), line, static_cast<std::uint32_t>(end + 1)};
}

// Where the value ends: before a ` #` comment outside quotes, and before trailing blanks.
std::size_t value_end(std::string_view line, std::size_t begin) {
  char quote = '\0';
  std::size_t end = line.size();
  for (std::size_t i = begin; i < line.size(); ++i) {
    char c = line[i];
    if (quote) {
      if (c == quote) quote = '\0';
      continue;
    }
    if ((c == '"' || c == '\'') && i == begin) quote = c;
    else if (c == '#' && (i == begin || line[i - 1] == ' ' || line[i - 1] == '\t')) {
      end = i;
      break;
    }
  }
  while (end > begin && (line[end - 1] == ' ' || line[end - 1] == '\t')) --end;
  return end;
}

// A quoted scalar's inside; [begin, end) narrows to it.
void unquote(std::string_view line, std::size_t& begin, std::size_t& end) {
  if (end - begin >= 2 && (line[begin] == '"' || line[begin] == '\'') && line[end - 1] == line[begin]) {
    ++begin;
    --end;
  }
}

bool env_name_like(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-') return false;
  return true;
}

class YamlReader {
 public:
  YamlReader(const SourceText& source, facts::ConfigFacts& out) : source_(source), out_(out) {}

  void run() {
    const std::uint32_t lines = static_cast<std::uint32_t>(source_.line_count());
    for (std::uint32_t n = 1; n <= lines; ++n) read_line(n, source_.line(n));
  }

 private:
  struct Frame {
    std::size_t indent;
    std::string key;
  };

  void read_line(std::uint32_t n, std::string_view line) {
    std::size_t indent = line.find_first_not_of(' ');
    if (block_) {
      if (indent == npos || indent > block_indent_) {
        if (indent != npos) read_block_line(n, line, indent);
        return;
      }
      block_ = false;
    }
    if (indent == npos || line[indent] == '#' || line[indent] == '\t') return;
    if (indent == 0 && (line.rfind("---", 0) == 0 || line.rfind("...", 0) == 0)) {
      stack_.clear();
      item_indent_ = npos;
      return;
    }
    // Sequence items: `- x`, `- - x`; the item's content starts after the dashes.
    std::size_t pos = indent;
    bool dash = false;
    while (pos < line.size() && line[pos] == '-' && (pos + 1 == line.size() || line[pos + 1] == ' ')) {
      dash = true;
      pos = line.find_first_not_of(' ', pos + 1);
      if (pos == npos) return;  // `-` alone: a nested mapping follows
    }
    if (dash) {
      item_indent_ = pos;
      item_name_.clear();
    } else if (item_indent_ != npos && pos < item_indent_) {
      item_indent_ = npos;
      item_name_.clear();
    }
    while (!stack_.empty() && stack_.back().indent >= pos) stack_.pop_back();

    // `key: value` (the colon must be followed by a blank or the end: `postgres://x` is no key).
    std::size_t key_begin = pos, key_end = npos, after = npos;
    if (line[pos] == '"' || line[pos] == '\'') {
      std::size_t close = line.find(line[pos], pos + 1);
      if (close != npos && close + 1 < line.size() && line[close + 1] == ':') {
        key_begin = pos + 1;
        key_end = close;
        after = close + 2;
      }
    } else if (line[pos] != '{' && line[pos] != '[') {
      for (std::size_t i = pos; i < line.size(); ++i) {
        if (line[i] == ' ' && i + 1 < line.size() && line[i + 1] == '#') break;
        if (line[i] == ':' && (i + 1 == line.size() || line[i + 1] == ' ')) {
          key_end = i;
          after = i + 1;
          break;
        }
      }
    }
    if (after != npos && after <= line.size() && (after == line.size() || line[after] == ' ')) {
      while (key_end > key_begin && line[key_end - 1] == ' ') --key_end;
      std::string key(line.substr(key_begin, key_end - key_begin));
      std::size_t v = line.find_first_not_of(' ', after);
      std::size_t v_end = v == npos ? npos : value_end(line, v);
      if (v == npos || v_end == v || line[v] == '&' || line[v] == '!') {
        stack_.push_back({pos, key});  // a nested block follows
        return;
      }
      if (line[v] == '|' || line[v] == '>') {
        stack_.push_back({pos, key});
        block_ = true;
        block_indent_ = pos;
        block_key_ = key;
        return;
      }
      add_value(n, line, key, key_begin, key_end, v, v_end, pos);
      return;
    }
    // A scalar sequence item: `- DATABASE_URL=postgres://...` (compose `environment:` list form).
    std::size_t v_end = value_end(line, pos);
    std::size_t begin = pos, end = v_end;
    unquote(line, begin, end);
    std::string_view item = line.substr(begin, end - begin);
    std::size_t eq = item.find('=');
    if (dash && eq != npos && eq > 0 && env_name_like(item.substr(0, eq))) {
      std::string key(item.substr(0, eq));
      facts::ConfigEntry entry = make_entry(key, begin, begin + eq, n);
      entry.value = std::string(item.substr(eq + 1));
      entry.value_span = span_on(n, begin + eq + 1, end);
      add_urls(n, line.substr(begin + eq + 1, end - begin - eq - 1), begin + eq + 1, key);
      out_.entries.push_back(std::move(entry));
      return;
    }
    add_urls(n, line.substr(pos, v_end - pos), pos, stack_.empty() ? "" : stack_.back().key);
  }

  void add_value(std::uint32_t n, std::string_view line, std::string key, std::size_t key_begin,
                 std::size_t key_end, std::size_t v, std::size_t v_end, std::size_t pos) {
    std::size_t begin = v, end = v_end;
    unquote(line, begin, end);
    std::string value(line.substr(begin, end - begin));
    // Kubernetes `env:` lists: `- name: DATABASE_URL` then `value: postgres://...` in the same item.
    bool in_item = item_indent_ == pos;
    if (in_item && key == "name") item_name_ = value;
    if (in_item && key == "value" && !item_name_.empty()) key = item_name_;
    facts::ConfigEntry entry = make_entry(key, key_begin, key_end, n);
    entry.value = value;
    entry.value_span = span_on(n, begin, end);
    out_.entries.push_back(std::move(entry));
    add_urls(n, line.substr(v, v_end - v), v, key);
  }

  // A line of a block scalar (`config: |`): ini or env style settings inside it (`pool_mode = transaction`).
  void read_block_line(std::uint32_t n, std::string_view line, std::size_t indent) {
    std::size_t eq = line.find('=', indent);
    std::string key = block_key_;
    if (eq != npos && line[indent] != '#' && line[indent] != ';') {
      std::size_t key_end = eq;
      while (key_end > indent && line[key_end - 1] == ' ') --key_end;
      std::string_view k = line.substr(indent, key_end - indent);
      if (env_name_like(k)) {
        std::size_t v = line.find_first_not_of(' ', eq + 1);
        if (v != npos) {
          std::size_t v_end = line.find_last_not_of(' ') + 1;
          std::size_t begin = v, end = v_end;
          unquote(line, begin, end);
          facts::ConfigEntry entry = make_entry(std::string(k), indent, key_end, n);
          entry.value = std::string(line.substr(begin, end - begin));
          entry.value_span = span_on(n, begin, end);
          out_.entries.push_back(std::move(entry));
          key = std::string(k);
        }
      }
    }
    add_urls(n, line.substr(indent), indent, key);
  }

  facts::ConfigEntry make_entry(const std::string& key, std::size_t key_begin, std::size_t key_end, std::uint32_t n) {
    facts::ConfigEntry entry;
    entry.key = key;
    for (const auto& f : stack_) entry.path += f.key + ".";
    entry.path += key;
    entry.key_span = span_on(n, key_begin, key_end);
    if (stack_.size() >= 2 && stack_[0].key == "services") entry.scope = stack_[1].key;
    return entry;
  }

  void add_urls(std::uint32_t n, std::string_view text, std::size_t column0, const std::string& key) {
    for (auto& url : find_connection_urls(text, n, static_cast<std::uint32_t>(column0 + 1))) {
      url.key = key;
      out_.urls.push_back(std::move(url));
    }
  }

  const SourceText& source_;
  facts::ConfigFacts& out_;
  std::vector<Frame> stack_;
  bool block_ = false;
  std::size_t block_indent_ = 0;
  std::string block_key_;
  std::size_t item_indent_ = npos;
  std::string item_name_;
};

}  // namespace

void read_yaml_file(const SourceText& source, facts::ConfigFacts& out) { YamlReader(source, out).run(); }

}  // namespace connlint::config
