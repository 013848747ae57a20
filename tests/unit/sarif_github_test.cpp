// GitHub code scanning rejects or mangles SARIF that the schema alone accepts. These are its ingestion rules
// (docs: "SARIF support for code scanning"), checked on the demo's real output.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "core/rule_meta.h"
#include "support/run.h"

using namespace connlint::testing;
using nlohmann::json;

namespace {

json demo_sarif() {
  auto r = run_connlint("check fixtures/demo --format sarif");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  return json::parse(r.out);
}

void expect_relative_location(const json& physical, const std::string& what) {
  const auto& artifact = physical["artifactLocation"];
  std::string uri = artifact["uri"];
  EXPECT_EQ(uri.find("://"), std::string::npos) << what << ": " << uri;
  EXPECT_NE(uri.front(), '/') << what << ": " << uri;
  EXPECT_EQ(artifact["uriBaseId"], "%SRCROOT%") << what;
  const auto& region = physical["region"];
  for (const char* key : {"startLine", "startColumn", "endLine", "endColumn"})
    EXPECT_TRUE(region.contains(key)) << what << " region lacks " << key;
  if (region["startLine"] == region["endLine"]) EXPECT_GT(region["endColumn"], region["startColumn"]) << what;
}

TEST(SarifForGitHub, IngestionRules) {
  json sarif = demo_sarif();
  ASSERT_EQ(sarif["version"], "2.1.0");
  std::set<std::string> categories;
  std::size_t results = 0;
  for (const auto& run : sarif["runs"]) {
    std::string category = run["automationDetails"]["id"];
    EXPECT_TRUE(categories.insert(category).second) << "two runs share category " << category;
    EXPECT_TRUE(run["originalUriBaseIds"].contains("%SRCROOT%"));
    const auto& driver = run["tool"]["driver"];
    EXPECT_TRUE(std::regex_match(driver["semanticVersion"].get<std::string>(), std::regex(R"(\d+\.\d+\.\d+.*)")));
    const auto& rules = driver["rules"];
    for (const auto& rule : rules) {
      EXPECT_NE(rule["id"], rule["name"]) << "GitHub wants a human name distinct from the id";
      int family_tags = 0;
      for (const auto& tag : rule["properties"]["tags"])
        for (auto family : connlint::kFamilies) family_tags += tag == std::string(family);
      EXPECT_EQ(family_tags, 1) << rule["id"] << " must carry exactly one family tag";
      EXPECT_LE(rule["properties"]["tags"].size(), 10u);
      bool security_tag = false;
      for (const auto& tag : rule["properties"]["tags"]) security_tag = security_tag || tag == "security";
      EXPECT_EQ(security_tag, rule["properties"].contains("security-severity"))
          << rule["id"] << ": GitHub reads security-severity only with the `security` tag";
      EXPECT_FALSE(rule["help"]["markdown"].get<std::string>().empty());
      EXPECT_LE(rule["fullDescription"]["text"].get<std::string>().size(), 1024u);
    }
    EXPECT_LE(run["results"].size(), 25000u);
    for (const auto& result : run["results"]) {
      ++results;
      std::size_t index = result["ruleIndex"];
      ASSERT_LT(index, rules.size());
      EXPECT_EQ(rules[index]["id"], result["ruleId"]);
      EXPECT_FALSE(result["message"]["text"].get<std::string>().empty());
      EXPECT_FALSE(result["partialFingerprints"]["primaryLocationLineHash"].get<std::string>().empty());
      ASSERT_EQ(result["locations"].size(), 1u);
      expect_relative_location(result["locations"][0]["physicalLocation"], "primary");
      for (const auto& related : result.value("relatedLocations", json::array())) {
        ASSERT_TRUE(related.contains("message")) << "a related location without a message is rejected";
        expect_relative_location(related["physicalLocation"], "related");
        std::string link = "](" + std::to_string(related["id"].get<int>()) + ")";
        EXPECT_NE(result["message"]["text"].get<std::string>().find(link), std::string::npos)
            << "the message links related location " << related["id"];
      }
    }
  }
  EXPECT_GT(results, 0u);
}

TEST(SarifForGitHub, SecondRunIsIdentical) {
  auto first = run_connlint("check fixtures/demo --format sarif");
  auto second = run_connlint("check fixtures/demo --format sarif");
  EXPECT_EQ(first.out, second.out);
}

}  // namespace

// A release skipped on an error path is a path: code scanning shows it as a code flow.
TEST(SarifForGitHub, PathShapedFindingsCarryCodeFlows) {
  auto dir = temp_dir("codeflow");
  write_file(dir / "a.ts",
             "import { Pool } from 'pg'\nconst pool = new Pool({ connectionTimeoutMillis: 5000 })\n"
             "export async function f() {\n  const client = await pool.connect()\n"
             "  await client.query('select 1')\n  client.release()\n}\n");
  auto r = run_connlint("check . --format sarif", dir);
  auto sarif = nlohmann::json::parse(r.out);
  const auto& results = sarif["runs"][0]["results"];
  ASSERT_EQ(results.size(), 1u) << r.out;
  EXPECT_EQ(results[0]["ruleId"], "connection-not-released");
  const auto& steps = results[0]["codeFlows"][0]["threadFlows"][0]["locations"];
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0]["location"]["physicalLocation"]["region"]["startLine"], 4);
  EXPECT_EQ(steps[1]["location"]["physicalLocation"]["region"]["startLine"], 6);
}
