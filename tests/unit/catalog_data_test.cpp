// The library catalogs under rules/libraries/ are data compiled into the binary: check every embedded file is
// well-formed per docs/catalogs.md (fields present and typed, handle kinds defined, patterns valid), that module
// names are unique across catalogs, and that the libraries connlint documents are all there.
#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/embedded_data.h"

using namespace connlint;
using nlohmann::json;

namespace {

bool is_member_name(const std::string& s) {
  static const std::regex re("[A-Za-z_$][A-Za-z0-9_$]*");
  return std::regex_match(s, re);
}

// A dotted type name: `PrismaClient`, `Prisma.TransactionClient`.
bool is_type_name(const std::string& s) {
  static const std::regex re("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
  return std::regex_match(s, re);
}

bool is_kind_name(const std::string& s) {
  static const std::regex re("[a-z][a-z0-9_]*");
  return std::regex_match(s, re);
}

// Validates a call pattern per docs/catalogs.md ("Patterns"); returns an error message, empty when valid.
std::string pattern_error(const std::string& pattern) {
  if (pattern.empty()) return "";  // calling the handle itself
  std::vector<std::string> steps;
  std::size_t start = 0;
  while (true) {
    auto dot = pattern.find('.', start);
    steps.push_back(pattern.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const std::string& step = steps[i];
    if (step.empty()) return "empty step " + std::to_string(i);
    if (step == "*" || step == "()") continue;
    if (step == "**") {
      if (i == 0) return "'**' cannot be the first step";
      if (steps[i - 1] == "**") return "two '**' in a row";
      continue;
    }
    if (step.front() == '{') {
      if (step.back() != '}' || step.size() < 3) return "unbalanced braces in step '" + step + "'";
      std::string inner = step.substr(1, step.size() - 2);
      if (inner.find_first_of("{}") != std::string::npos) return "nested braces in step '" + step + "'";
      std::set<std::string> seen;
      std::size_t b = 0;
      while (true) {
        auto comma = inner.find(',', b);
        std::string alt = inner.substr(b, comma == std::string::npos ? std::string::npos : comma - b);
        if (!is_member_name(alt)) return "bad alternative '" + alt + "' in step '" + step + "'";
        if (!seen.insert(alt).second) return "duplicate alternative '" + alt + "' in step '" + step + "'";
        if (comma == std::string::npos) break;
        b = comma + 1;
      }
      continue;
    }
    if (step.find("**") != std::string::npos) return "'**' must be a whole step, not part of '" + step + "'";
    if (!is_member_name(step)) return "bad step '" + step + "'";
  }
  return "";
}

std::string pattern_error_nonempty(const std::string& pattern) {
  if (pattern.empty()) return "empty pattern";
  return pattern_error(pattern);
}

json parse_catalog(const EmbeddedFile& file) {
  return json::parse(file.content.begin(), file.content.end());
}

bool is_string_array(const json& v) {
  if (!v.is_array()) return false;
  for (const auto& x : v)
    if (!x.is_string() || x.get<std::string>().empty()) return false;
  return true;
}

void expect_only_keys(const json& obj, const std::set<std::string>& allowed, const std::string& where) {
  for (const auto& [key, value] : obj.items()) {
    (void)value;
    EXPECT_TRUE(allowed.count(key)) << where << ": unknown field '" << key << "'";
  }
}

// Checks a TypeScript library catalog (everything but the slow-I/O list).
void check_library_catalog(const json& doc, const std::string& where) {
  expect_only_keys(doc,
                   {"library", "display_name", "language", "modules", "module_suffixes", "pooled", "constructors",
                    "handles", "model_bases", "acquire", "transactions", "batching"},
                   where);
  ASSERT_TRUE(doc.contains("display_name") && doc["display_name"].is_string()) << where;
  EXPECT_FALSE(doc["display_name"].get<std::string>().empty()) << where;
  if (doc.contains("module_suffixes")) {
    EXPECT_TRUE(is_string_array(doc["module_suffixes"])) << where << ": module_suffixes";
  }
  ASSERT_TRUE(doc.contains("pooled") && doc["pooled"].is_boolean()) << where << ": pooled";

  ASSERT_TRUE(doc.contains("handles") && doc["handles"].is_object() && !doc["handles"].empty())
      << where << ": handles";
  const json& handles = doc["handles"];
  auto has_kind = [&](const json& v) { return v.is_string() && handles.contains(v.get<std::string>()); };

  for (const auto& [kind, h] : handles.items()) {
    std::string hw = where + ": handle '" + kind + "'";
    EXPECT_TRUE(is_kind_name(kind)) << hw << ": kind names are lowercase";
    ASSERT_TRUE(h.is_object()) << hw;
    expect_only_keys(h, {"types", "queries", "returns", "close", "release", "pooled"}, hw);
    if (h.contains("types")) {
      ASSERT_TRUE(h["types"].is_array()) << hw << ": types";
      for (const auto& t : h["types"]) {
        ASSERT_TRUE(t.is_string()) << hw << ": types";
        EXPECT_TRUE(is_type_name(t.get<std::string>())) << hw << ": type '" << t.get<std::string>() << "'";
      }
    }
    ASSERT_TRUE(h.contains("queries") && h["queries"].is_array()) << hw << ": queries";
    std::set<std::string> seen;
    for (const auto& q : h["queries"]) {
      ASSERT_TRUE(q.is_string()) << hw << ": queries";
      const std::string p = q.get<std::string>();
      EXPECT_EQ(pattern_error(p), "") << hw << ": query pattern '" << p << "'";
      EXPECT_TRUE(seen.insert(p).second) << hw << ": duplicate query pattern '" << p << "'";
    }
    if (h.contains("returns")) {
      ASSERT_TRUE(h["returns"].is_object()) << hw << ": returns";
      for (const auto& [p, target] : h["returns"].items()) {
        EXPECT_EQ(pattern_error_nonempty(p), "") << hw << ": returns pattern '" << p << "'";
        EXPECT_TRUE(has_kind(target)) << hw << ": returns '" << p << "' makes unknown kind " << target.dump();
      }
    }
    for (const char* field : {"close", "release"}) {
      if (!h.contains(field)) continue;
      ASSERT_TRUE(h[field].is_array()) << hw << ": " << field;
      for (const auto& m : h[field])
        EXPECT_TRUE(m.is_string() && is_member_name(m.get<std::string>())) << hw << ": " << field << " " << m.dump();
    }
    if (h.contains("pooled")) {
      EXPECT_TRUE(h["pooled"].is_boolean()) << hw << ": pooled";
    }
  }

  ASSERT_TRUE(doc.contains("constructors") && doc["constructors"].is_array()) << where << ": constructors";
  std::set<std::pair<std::string, bool>> ctor_keys;
  for (const auto& c : doc["constructors"]) {
    ASSERT_TRUE(c.is_object()) << where << ": constructor";
    expect_only_keys(c, {"export", "new", "handle"}, where + ": constructor");
    ASSERT_TRUE(c.contains("export") && c["export"].is_string()) << where << ": constructor export";
    ASSERT_TRUE(c.contains("new") && c["new"].is_boolean()) << where << ": constructor new";
    const std::string exp = c["export"].get<std::string>();
    EXPECT_TRUE(exp.empty() || is_type_name(exp)) << where << ": constructor export '" << exp << "'";
    EXPECT_TRUE(has_kind(c.value("handle", json()))) << where << ": constructor '" << exp << "' makes unknown kind";
    EXPECT_TRUE(ctor_keys.emplace(exp, c["new"].get<bool>()).second)
        << where << ": constructor '" << exp << "' listed twice";
  }

  if (doc.contains("model_bases")) {
    ASSERT_TRUE(doc["model_bases"].is_array()) << where << ": model_bases";
    for (const auto& m : doc["model_bases"]) {
      ASSERT_TRUE(m.is_object()) << where << ": model_bases";
      expect_only_keys(m, {"export", "handle"}, where + ": model_bases");
      EXPECT_TRUE(m.contains("export") && m["export"].is_string() && is_type_name(m["export"].get<std::string>()))
          << where << ": model_bases export";
      EXPECT_TRUE(has_kind(m.value("handle", json()))) << where << ": model_bases handle";
    }
  }

  ASSERT_TRUE(doc.contains("acquire") && doc["acquire"].is_array()) << where << ": acquire";
  for (const auto& a : doc["acquire"]) {
    ASSERT_TRUE(a.is_object()) << where << ": acquire";
    expect_only_keys(a, {"handle", "call", "release", "session"}, where + ": acquire");
    EXPECT_TRUE(has_kind(a.value("handle", json()))) << where << ": acquire handle";
    ASSERT_TRUE(a.contains("call") && a["call"].is_string()) << where << ": acquire call";
    EXPECT_EQ(pattern_error_nonempty(a["call"].get<std::string>()), "") << where << ": acquire call";
    ASSERT_TRUE(a.contains("release") && is_string_array(a["release"]) && !a["release"].empty())
        << where << ": acquire release";
    for (const auto& m : a["release"]) EXPECT_TRUE(is_member_name(m.get<std::string>())) << where << ": release";
    if (a.contains("session")) {
      EXPECT_TRUE(a["session"].is_boolean()) << where << ": acquire session";
    }
  }

  ASSERT_TRUE(doc.contains("transactions") && doc["transactions"].is_array()) << where << ": transactions";
  for (const auto& t : doc["transactions"]) {
    ASSERT_TRUE(t.is_object()) << where << ": transaction";
    expect_only_keys(t,
                     {"handle", "call", "callback_arg", "tx_handle", "options_arg", "timeout_keys",
                      "default_timeout_ms"},
                     where + ": transaction");
    EXPECT_TRUE(has_kind(t.value("handle", json()))) << where << ": transaction handle";
    ASSERT_TRUE(t.contains("call") && t["call"].is_string()) << where << ": transaction call";
    EXPECT_EQ(pattern_error_nonempty(t["call"].get<std::string>()), "") << where << ": transaction call";
    for (const char* field : {"callback_arg", "options_arg"}) {
      if (t.contains(field)) {
        EXPECT_TRUE(t[field].is_number_unsigned() || (t[field].is_number_integer() && t[field].get<int>() >= 0))
            << where << ": transaction " << field;
      }
    }
    if (t.contains("callback_arg") && t.contains("options_arg")) {
      EXPECT_NE(t["callback_arg"], t["options_arg"]) << where << ": transaction callback_arg == options_arg";
    }
    if (t.contains("tx_handle")) {
      EXPECT_TRUE(has_kind(t["tx_handle"])) << where << ": transaction tx_handle";
    }
    if (t.contains("timeout_keys")) {
      EXPECT_TRUE(is_string_array(t["timeout_keys"])) << where << ": timeout_keys";
      EXPECT_TRUE(t.contains("options_arg")) << where << ": timeout_keys without options_arg";
    }
    if (t.contains("default_timeout_ms")) {
      EXPECT_TRUE(t["default_timeout_ms"].is_number_integer() && t["default_timeout_ms"].get<long long>() > 0)
          << where << ": default_timeout_ms";
    }
  }

  // The query-in-loop hint is spliced into a sentence: lowercase start, no final period.
  ASSERT_TRUE(doc.contains("batching") && doc["batching"].is_string()) << where << ": batching";
  const std::string batching = doc["batching"].get<std::string>();
  ASSERT_FALSE(batching.empty()) << where << ": batching";
  EXPECT_TRUE(std::islower(static_cast<unsigned char>(batching.front()))) << where << ": batching starts lowercase";
  EXPECT_NE(batching.back(), '.') << where << ": batching ends without a period";
  EXPECT_LE(batching.size(), 240u) << where << ": batching is concise";
}

void check_slow_catalog(const json& doc, const std::string& where) {
  expect_only_keys(doc, {"library", "display_name", "language", "modules", "slow", "globals"}, where);
  EXPECT_TRUE(doc["slow"].is_boolean() && doc["slow"].get<bool>()) << where;
  ASSERT_TRUE(doc.contains("globals") && is_string_array(doc["globals"])) << where << ": globals";
  for (const auto& g : doc["globals"]) EXPECT_TRUE(is_member_name(g.get<std::string>())) << where << ": globals";
}

}  // namespace

TEST(CatalogData, PatternValidatorFollowsTheDocumentedLanguage) {
  for (const char* ok : {"", "query", "$queryRaw", "*.findMany", "*.{findMany,findFirst}", "getRepository.().find",
                         "select.**", "createQueryBuilder.**.{getMany,getOne}", "().**", "connect.()", "models.*"})
    EXPECT_EQ(pattern_error(ok), "") << ok;
  for (const char* bad : {".", "a.", ".a", "a..b", "**", "**.a", "a.**.**", "a**", "a.b**", "{a,b", "a,b}", "{}",
                          "{a,}", "{a,{b}}", "{a,a}", "a()", "a-b", "a b", "{a.b}"})
    EXPECT_NE(pattern_error(bad), "") << bad;
}

TEST(CatalogData, EveryEmbeddedCatalogIsWellFormed) {
  ASSERT_FALSE(embedded_library_files().empty());
  for (const auto& file : embedded_library_files()) {
    const std::string where(file.name);
    json doc;
    ASSERT_NO_THROW(doc = parse_catalog(file)) << where;
    ASSERT_TRUE(doc.is_object()) << where;
    ASSERT_TRUE(doc.contains("library") && doc["library"].is_string()) << where << ": library";
    const std::string id = doc["library"].get<std::string>();
    EXPECT_TRUE(std::regex_match(id, std::regex("[a-z0-9]+(-[a-z0-9]+)*"))) << where << ": library id " << id;
    EXPECT_EQ(where, id + ".json") << "a catalog file is named after its library";
    ASSERT_TRUE(doc.contains("language") && doc["language"].is_string()) << where << ": language";
    const std::string language = doc["language"].get<std::string>();
    EXPECT_TRUE(language == "typescript" || language == "cpp") << where << ": language " << language;
    ASSERT_TRUE(doc.contains("modules") && is_string_array(doc["modules"])) << where << ": modules";
    EXPECT_FALSE(doc["modules"].empty()) << where << ": modules";
    if (language != "typescript") continue;  // C++ catalogs are checked by their own tests
    if (doc.value("slow", false))
      check_slow_catalog(doc, where);
    else
      check_library_catalog(doc, where);
  }
}

TEST(CatalogData, ModuleNamesAndLibraryIdsAreUnique) {
  std::map<std::string, std::string> module_owner;
  std::set<std::string> ids;
  for (const auto& file : embedded_library_files()) {
    json doc = parse_catalog(file);
    const std::string id = doc.at("library").get<std::string>();
    EXPECT_TRUE(ids.insert(id).second) << "library '" << id << "' defined twice";
    for (const auto& m : doc.at("modules")) {
      const std::string name = m.get<std::string>();
      auto [it, inserted] = module_owner.emplace(name, id);
      EXPECT_TRUE(inserted) << "module '" << name << "' is in both " << it->second << " and " << id;
    }
  }
}

TEST(CatalogData, DocumentedLibrariesArePresent) {
  std::set<std::string> ids;
  for (const auto& file : embedded_library_files()) ids.insert(parse_catalog(file).at("library").get<std::string>());
  for (const char* expected : {"prisma", "pg", "postgres", "drizzle", "kysely", "knex", "typeorm", "sequelize",
                               "mysql2", "mongodb", "redis", "supabase", "slow-io"})
    EXPECT_TRUE(ids.count(expected)) << "missing catalog for " << expected;
}

TEST(CatalogData, HttpClientsAreNotPooled) {
  for (const auto& file : embedded_library_files()) {
    json doc = parse_catalog(file);
    if (doc.at("library") == "supabase") {
      EXPECT_FALSE(doc.value("pooled", true));
    }
  }
}

TEST(CatalogData, BuiltinCatalogLoads) { EXPECT_NO_THROW(Catalog::builtin()); }
