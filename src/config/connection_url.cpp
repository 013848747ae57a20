#include "config/connection_url.h"

#include <algorithm>
#include <cctype>

namespace connlint::config {

namespace {

// Database URL schemes. The pool rules only look at the PostgreSQL ones; the password rule looks at all.
constexpr std::string_view kSchemes[] = {"postgres", "postgresql", "mysql",  "mariadb", "mongodb", "mongodb+srv",
                                         "redis",    "rediss",     "sqlserver", "cockroachdb", "amqp", "amqps"};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_scheme_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
}

// If a placeholder starts at s[i] (`${...}`, `$(...)`, `{{...}}`), the index just past it; else i.
std::size_t skip_placeholder(std::string_view s, std::size_t i) {
  auto close_of = [&](std::size_t from, char open, char close) {
    int depth = 0;
    for (std::size_t k = from; k < s.size(); ++k) {
      if (s[k] == open) ++depth;
      else if (s[k] == close && --depth == 0) return k + 1;
    }
    return s.size();
  };
  if (s.compare(i, 2, "${") == 0) return close_of(i + 1, '{', '}');
  if (s.compare(i, 2, "$(") == 0) return close_of(i + 1, '(', ')');
  if (s.compare(i, 2, "{{") == 0) {
    auto end = s.find("}}", i + 2);
    return end == std::string_view::npos ? s.size() : end + 2;
  }
  return i;
}

// The first of `chars` in s[from, to) outside placeholders (npos if none).
std::size_t find_outside(std::string_view s, std::string_view chars, std::size_t from = 0,
                         std::size_t to = std::string_view::npos) {
  to = std::min(to, s.size());
  for (std::size_t i = from; i < to;) {
    std::size_t skipped = skip_placeholder(s, i);
    if (skipped != i) {
      i = skipped;
      continue;
    }
    if (chars.find(s[i]) != std::string_view::npos) return i;
    ++i;
  }
  return std::string_view::npos;
}

// The last of `chars` in s[from, to) outside placeholders (npos if none).
std::size_t rfind_outside(std::string_view s, char c, std::size_t from, std::size_t to) {
  std::size_t found = std::string_view::npos;
  for (std::size_t i = from; i < to;) {
    std::size_t skipped = skip_placeholder(s, i);
    if (skipped != i) {
      i = skipped;
      continue;
    }
    if (s[i] == c) found = i;
    ++i;
  }
  return found;
}

bool has_placeholder(std::string_view s) {
  return s.find("${") != std::string_view::npos || s.find("{{") != std::string_view::npos ||
         s.find("$(") != std::string_view::npos || (!s.empty() && s.front() == '$') ||
         (s.find('<') != std::string_view::npos && s.find('>') != std::string_view::npos);
}

bool all_digits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

struct Spanner {
  std::uint32_t line, column;
  facts::Span operator()(std::size_t begin, std::size_t end) const {
    return facts::Span{line, column + static_cast<std::uint32_t>(begin), line,
                       column + static_cast<std::uint32_t>(end)};
  }
};

}  // namespace

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

bool is_placeholder_secret(std::string_view raw) {
  if (raw.empty() || has_placeholder(raw)) return true;
  std::string p = percent_decode(raw);
  if (has_placeholder(p)) return true;
  // Wrapped names: `[YOUR-PASSWORD]`, `{password}`, `__PASSWORD__`, `:password`.
  auto wrapped = [&](char open, char close) { return p.size() >= 2 && p.front() == open && p.back() == close; };
  if (wrapped('[', ']') || wrapped('{', '}') || wrapped('(', ')') || (p.size() > 4 && p.rfind("__", 0) == 0) ||
      p.front() == ':' || p.front() == '%')
    return true;
  // Masks and fillers: `****`, `xxxxxx`, `...`, `------`.
  if (std::all_of(p.begin(), p.end(), [&](char c) { return c == p.front(); }) && p.size() >= 3) return true;
  if (std::all_of(p.begin(), p.end(), [](char c) { return c == '*' || c == 'x' || c == 'X' || c == '.'; }))
    return true;
  std::string l = lower(p);
  for (std::string_view word : {"password", "pass", "passwd", "pwd", "pw", "secret", "changeme", "example",
                                "sample", "test", "dummy", "fake", "none", "null", "undefined", "placeholder",
                                "mypassword", "yourpassword", "dbpassword", "db_password", "redacted", "todo"})
    if (l == word) return true;
  for (std::string_view part : {"your", "placeholder", "changeme", "change_me", "change-me", "replace", "redacted",
                                "xxxx", "****", "insert_", "enter_", "example"})
    if (l.find(part) != std::string::npos) return true;
  // A variable's name rather than a value: `DB_PASSWORD`, `postgres_password`, `PROJECT_REF_PASSWORD`.
  bool identifier = std::all_of(p.begin(), p.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
  auto is_lower = [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; };
  bool upper_snake = identifier && p.find('_') != std::string::npos && std::none_of(p.begin(), p.end(), is_lower);
  if (upper_snake) return true;
  if (identifier && (l.find("password") != std::string::npos || l.find("passwd") != std::string::npos) &&
      std::none_of(p.begin(), p.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    return true;
  return false;
}

bool is_database_scheme(std::string_view scheme) {
  return std::find(std::begin(kSchemes), std::end(kSchemes), scheme) != std::end(kSchemes);
}

std::optional<facts::ConnectionUrl> parse_connection_url(std::string_view s, std::uint32_t line,
                                                         std::uint32_t column) {
  Spanner at{line, column};
  auto sep = s.find("://");
  if (sep == std::string_view::npos || sep == 0) return std::nullopt;
  std::string scheme = lower(s.substr(0, sep));
  if (!is_database_scheme(scheme)) return std::nullopt;
  facts::ConnectionUrl url;
  url.text = std::string(s);
  url.span = at(0, s.size());
  url.scheme = scheme;

  std::size_t authority_begin = sep + 3;
  std::size_t authority_end = find_outside(s, "/?#", authority_begin);
  if (authority_end == std::string_view::npos) authority_end = s.size();

  // User info: up to the LAST `@` of the authority (an unencoded `@` in a password is common and tolerated).
  std::size_t hosts_begin = authority_begin;
  std::size_t at_sign = rfind_outside(s, '@', authority_begin, authority_end);
  if (at_sign != std::string_view::npos) {
    std::size_t colon = find_outside(s, ":", authority_begin, at_sign);
    std::size_t user_end = colon == std::string_view::npos ? at_sign : colon;
    url.user = percent_decode(s.substr(authority_begin, user_end - authority_begin));
    if (colon != std::string_view::npos) {
      url.has_password = true;
      url.password_raw = std::string(s.substr(colon + 1, at_sign - colon - 1));
      url.password_span = at(colon + 1, at_sign);
      url.password_placeholder = is_placeholder_secret(url.password_raw);
      if (url.password_raw.empty()) url.has_password = false;
    }
    hosts_begin = at_sign + 1;
  }

  // Hosts, separated by commas; `[v6]:port`, `name:port`, `name`.
  for (std::size_t begin = hosts_begin; begin < authority_end;) {
    std::size_t end = begin;
    bool bracket = s[begin] == '[';
    if (bracket) {
      std::size_t close = s.find(']', begin);
      if (close == std::string_view::npos || close > authority_end) return std::nullopt;
      end = find_outside(s, ",", close, authority_end);
    } else {
      end = find_outside(s, ",", begin, authority_end);
    }
    if (end == std::string_view::npos) end = authority_end;
    facts::ConnectionUrl::Host host;
    std::size_t name_end = end;
    if (bracket) {
      std::size_t close = s.find(']', begin);
      host.name = std::string(s.substr(begin + 1, close - begin - 1));
      host.span = at(begin, close + 1);
      name_end = close + 1;
    } else {
      std::size_t colon = rfind_outside(s, ':', begin, end);
      name_end = colon == std::string_view::npos ? end : colon;
      host.name = std::string(s.substr(begin, name_end - begin));
      host.span = at(begin, name_end);
    }
    if (name_end < end && s[name_end] == ':') {
      std::string_view port = s.substr(name_end + 1, end - name_end - 1);
      host.port_span = at(name_end + 1, end);
      if (all_digits(port) && port.size() <= 5) host.port = static_cast<std::uint32_t>(std::stoul(std::string(port)));
      else host.placeholder = has_placeholder(port);
    }
    host.placeholder = host.placeholder || has_placeholder(host.name);
    url.hosts.push_back(std::move(host));
    begin = end + 1;
  }

  std::size_t rest = authority_end;
  if (rest < s.size() && s[rest] == '/') {
    std::size_t db_end = find_outside(s, "?#", rest + 1);
    if (db_end == std::string_view::npos) db_end = s.size();
    url.database = percent_decode(s.substr(rest + 1, db_end - rest - 1));
    rest = db_end;
  }
  if (rest < s.size() && s[rest] == '?') {
    std::size_t query_end = find_outside(s, "#", rest + 1);
    if (query_end == std::string_view::npos) query_end = s.size();
    for (std::size_t begin = rest + 1; begin < query_end;) {
      std::size_t end = find_outside(s, "&;", begin, query_end);
      if (end == std::string_view::npos) end = query_end;
      if (end > begin) {
        std::string_view pair = s.substr(begin, end - begin);
        auto eq = pair.find('=');
        facts::ConnectionUrl::Param param;
        param.key = std::string(pair.substr(0, eq));
        param.value = eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1));
        param.span = at(begin, end);
        url.params.push_back(std::move(param));
      }
      begin = end + 1;
    }
  }
  // `?password=...` is a password too (JDBC style, libpq URIs).
  if (!url.has_password) {
    for (const auto& p : url.params) {
      if (lower(p.key) != "password") continue;
      std::size_t value_begin = (p.span.column - column) + p.key.size() + 1;
      std::size_t value_end = p.span.end_column - column;
      if (value_end <= value_begin) continue;
      url.has_password = true;
      url.password_raw = std::string(s.substr(value_begin, value_end - value_begin));
      url.password_span = at(value_begin, value_end);
      url.password_placeholder = is_placeholder_secret(url.password_raw);
      break;
    }
  }
  return url;
}

std::vector<facts::ConnectionUrl> find_connection_urls(std::string_view text, std::uint32_t line,
                                                       std::uint32_t column) {
  std::vector<facts::ConnectionUrl> out;
  std::size_t search = 0;
  while (true) {
    std::size_t sep = text.find("://", search);
    if (sep == std::string_view::npos) break;
    std::size_t begin = sep;
    while (begin > 0 && is_scheme_char(text[begin - 1])) --begin;
    // A URL ends at white space or a quote (not inside a placeholder).
    std::size_t end = sep + 3;
    while (end < text.size()) {
      std::size_t skipped = skip_placeholder(text, end);
      if (skipped != end) {
        end = skipped;
        continue;
      }
      char c = text[end];
      if (std::isspace(static_cast<unsigned char>(c)) || c == '"' || c == '\'' || c == '`') break;
      ++end;
    }
    // Trailing punctuation of the surrounding text, and closers with no opener in the URL.
    auto count = [&](char c) { return std::count(text.begin() + begin, text.begin() + end, c); };
    while (end > sep + 3) {
      char c = text[end - 1];
      bool unbalanced = (c == ')' && count(')') > count('(')) || (c == ']' && count(']') > count('[')) ||
                        (c == '}' && count('}') > count('{'));
      if (c == ',' || c == ';' || c == '.' || unbalanced) --end;
      else break;
    }
    search = end > sep ? end : sep + 3;
    if (begin == sep) continue;
    if (auto url = parse_connection_url(text.substr(begin, end - begin), line,
                                        column + static_cast<std::uint32_t>(begin)))
      out.push_back(std::move(*url));
  }
  return out;
}

std::string masked_url(const facts::ConnectionUrl& url) {
  // Every password-like part: the user info's, and `password=` / `pass=` / `pwd=` parameters.
  std::vector<std::pair<std::size_t, std::size_t>> cuts;
  auto add = [&](const facts::Span& span) {
    if (span.line != url.span.line || span.column < url.span.column) return;
    std::size_t begin = span.column - url.span.column, end = span.end_column - url.span.column;
    if (begin <= end && end <= url.text.size()) cuts.emplace_back(begin, end);
  };
  if (url.has_password) add(url.password_span);
  for (const auto& p : url.params) {
    std::string key = lower(p.key);
    if (key == "password" || key == "pass" || key == "pwd" || key == "passwd")
      add({p.span.line, p.span.column + static_cast<std::uint32_t>(p.key.size()) + 1, p.span.end_line,
           p.span.end_column});
  }
  std::sort(cuts.begin(), cuts.end());
  std::string out;
  std::size_t at = 0;
  for (const auto& [begin, end] : cuts) {
    if (begin < at) continue;
    out += url.text.substr(at, begin - at) + "****";
    at = end;
  }
  return out + url.text.substr(at);
}

std::string mask_url_passwords(std::string_view line) {
  auto urls = find_connection_urls(line, 1, 1);
  std::string out;
  std::size_t at = 0;
  for (const auto& url : urls) {
    if (!url.has_password || url.password_placeholder) continue;
    std::size_t begin = url.password_span.column - 1, end = url.password_span.end_column - 1;
    if (begin < at || end > line.size()) continue;
    out += std::string(line.substr(at, begin - at)) + "****";
    at = end;
  }
  return out + std::string(line.substr(at));
}

std::string host_and_port(const facts::ConnectionUrl& url) {
  if (url.hosts.empty()) return "";
  const auto& h = url.hosts.front();
  std::string name = h.name.find(':') != std::string::npos ? "[" + h.name + "]" : h.name;
  return h.port ? name + ":" + std::to_string(h.port) : name;
}

}  // namespace connlint::config
