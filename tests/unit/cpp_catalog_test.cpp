// The C/C++ library catalogs (`"language": "cpp"` under rules/libraries/): every embedded one loads into the C++
// front end's model and keeps to the documented format (docs/catalogs.md, "C and C++ catalogs"), the libraries the
// issue names are all there, and names match the way the front end asks (C functions only at global scope, methods
// on a class or any class derived from it).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "core/catalog.h"
#include "core/embedded_data.h"
#include "cpp/library_model.h"

using namespace connlint;
using nlohmann::json;

namespace {

std::vector<json> cpp_catalogs() {
  std::vector<json> out;
  for (const auto& file : embedded_library_files()) {
    json doc = json::parse(file.content.begin(), file.content.end());
    if (doc.value("language", "") == "cpp") out.push_back(doc);
  }
  return out;
}

void expect_only_keys(const json& obj, const std::set<std::string>& allowed, const std::string& where) {
  for (const auto& [key, value] : obj.items()) {
    (void)value;
    EXPECT_TRUE(allowed.count(key)) << where << ": unknown field '" << key << "'";
  }
}

}  // namespace

TEST(CppCatalogs, EveryEmbeddedCatalogLoadsAndIsWellFormed) {
  cpp::LibraryModel model;
  ASSERT_NO_THROW(model = cpp::LibraryModel::from_catalog(Catalog::builtin()));
  ASSERT_FALSE(cpp_catalogs().empty());
  for (const auto& doc : cpp_catalogs()) {
    const std::string where = doc.value("library", "?");
    expect_only_keys(doc,
                     {"library", "display_name", "language", "modules", "pooled", "sql_dialect", "handles", "acquire",
                      "queries", "transactions", "batching", "slow", "globals", "types", "request_types"},
                     where);
    EXPECT_TRUE(doc.contains("display_name")) << where;
    if (doc.value("slow", false) || doc.contains("request_types")) continue;
    ASSERT_TRUE(doc.contains("handles") && doc.contains("acquire") && doc.contains("queries") &&
                doc.contains("transactions") && doc.contains("batching"))
        << where;
    for (const auto& [name, h] : doc["handles"].items())
      expect_only_keys(h, {"role", "types", "close", "self_closing"}, where + ": handle " + name);
    for (const auto& a : doc["acquire"]) expect_only_keys(a, {"call", "handle", "out_arg", "null_on_failure"}, where);
    for (const auto& q : doc["queries"]) expect_only_keys(q, {"call", "sql_arg"}, where);
    for (const auto& t : doc["transactions"])
      expect_only_keys(t, {"type", "begin", "begin_arg", "begin_value", "end"}, where);
    // The hint is spliced into a sentence: lowercase start, no final period.
    std::string batching = doc["batching"];
    ASSERT_FALSE(batching.empty()) << where;
    EXPECT_TRUE(std::islower(static_cast<unsigned char>(batching.front()))) << where;
    EXPECT_NE(batching.back(), '.') << where;
  }
}

TEST(CppCatalogs, DocumentedLibrariesArePresent) {
  std::set<std::string> ids;
  for (const auto& doc : cpp_catalogs()) ids.insert(doc["library"].get<std::string>());
  for (const char* id : {"libpq", "libpqxx", "hiredis", "sqlite3", "mysql-c", "mysqlcppconn", "libmongoc", "soci",
                         "poco-data", "sqlitecpp", "slow-io-cpp", "http-servers-cpp"})
    EXPECT_TRUE(ids.count(id)) << "missing C/C++ catalog " << id;
}

TEST(CppCatalogs, TypeScriptCatalogIgnoresThem) {
  Catalog catalog = Catalog::builtin();
  for (const auto& lib : catalog.libraries()) EXPECT_NE(lib.language, "cpp") << lib.id;
  EXPECT_GE(catalog.cpp_catalogs().size(), 12u);
}

TEST(CppCatalogs, NamePatterns) {
  auto p = cpp::parse_name_pattern("pqxx::transaction_base::{exec,exec0}");
  EXPECT_EQ(p.scope, "pqxx::transaction_base");
  EXPECT_EQ(p.names, (std::vector<std::string>{"exec", "exec0"}));
  EXPECT_EQ(cpp::parse_name_pattern("PQexec").scope, "");
  EXPECT_EQ(cpp::parse_name_pattern("soci::session::operator<<").names.front(), "operator<<");
  for (const char* bad : {"", "::PQexec", "a::{b,}", "a::b c", "{a,b"})
    EXPECT_THROW(cpp::parse_name_pattern(bad), std::invalid_argument) << bad;
}

TEST(CppCatalogs, MatchingFollowsScopesAndBases) {
  auto model = cpp::LibraryModel::from_catalog(Catalog::builtin());
  // A C function matches at global scope only.
  EXPECT_TRUE(model.query({"PQexec", {""}}));
  EXPECT_FALSE(model.query({"PQexec", {"mylib"}}));
  // A method matches on the class or a class derived from it (the front end passes the class and its bases).
  auto exec = model.query({"exec",
                           {"pqxx::transaction<pqxx::read_committed>", "pqxx::internal::basic_transaction",
                            "pqxx::dbtransaction", "pqxx::transaction_base"}});
  ASSERT_TRUE(exec);
  EXPECT_EQ(exec.library->id, "libpqxx");
  EXPECT_EQ(exec.spec->sql_arg, 0);
  EXPECT_FALSE(model.query({"exec", {"myapp::Runner"}}));
  // Socket connect() is slow work; sql::Driver::connect() makes a connection.
  EXPECT_TRUE(model.slow_call({"connect", {""}}));
  EXPECT_FALSE(model.slow_call({"connect", {"sql::Driver"}}));
  EXPECT_TRUE(model.acquire({"connect", {"sql::Driver"}}));
  // sqlite3_open writes the handle through its second argument; sqlite3_step is row iteration, not a query.
  auto open = model.acquire({"sqlite3_open", {""}});
  ASSERT_TRUE(open);
  EXPECT_EQ(open.spec->out_arg, 1);
  EXPECT_FALSE(open.spec->null_on_failure);
  EXPECT_FALSE(model.query({"sqlite3_step", {""}}));
  // Transaction objects, and RAII connections.
  EXPECT_TRUE(model.transaction_type({"pqxx::transaction", "pqxx::dbtransaction", "pqxx::transaction_base"}));
  EXPECT_FALSE(model.transaction_type({"pqxx::nontransaction", "pqxx::transaction_base"}));
  auto conn = model.handle_for_type({"pqxx::basic_connection", "pqxx::basic_connection_base", "pqxx::connection_base"});
  ASSERT_TRUE(conn);
  EXPECT_TRUE(conn.spec->self_closing);
  EXPECT_TRUE(model.request_type({"httplib::Request"}));
}

TEST(CppCatalogs, MalformedCatalogsNameTheFile) {
  cpp::LibraryModel model;
  for (
      const char* bad :
      {R"({"library": "x", "language": "cpp"})",
       R"({"library": "x", "language": "cpp", "modules": [], "handles": {"c": {"role": "socket", "close": ["f"]}}})",
       R"({"library": "x", "language": "cpp", "modules": [], "handles": {}, "acquire": [{"call": "f", "handle": "nope"}]})",
       R"({"library": "x", "language": "cpp", "modules": [], "queries": [{"call": "a b"}]})", "not json"}) {
    try {
      model.add("in-house.json", bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find("in-house.json"), std::string::npos) << e.what();
    }
  }
}

// An in-house C wrapper described as data: its query function is reported in loops like the libraries'.
TEST(CppCatalogs, UserCatalogAddsAWrapper) {
  Catalog catalog = Catalog::builtin();
  catalog.add("our-db.json", R"({"library": "our-db", "language": "cpp", "modules": ["ourdb.h"], "pooled": true,
    "handles": {"conn": {"role": "connection", "close": ["ourdb_close"]}},
    "acquire": [{"call": "ourdb_open", "handle": "conn"}],
    "queries": [{"call": "ourdb::Db::{query,execute}", "sql_arg": 0}],
    "transactions": [], "batching": "use ourdb::Db::query_many"})");
  auto model = cpp::LibraryModel::from_catalog(catalog);
  EXPECT_TRUE(model.query({"query", {"ourdb::Db"}}));
  EXPECT_TRUE(model.acquire({"ourdb_open", {""}}));
}
