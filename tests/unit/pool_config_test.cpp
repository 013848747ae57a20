// The pool-config rules through the real binary: passwords never leave connlint unmasked, in any output format,
// and session-state-sql is an error when the project's configuration shows transaction pooling.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/catalog.h"
#include "driver/analyze.h"
#include "support/run.h"

using namespace connlint::testing;

namespace {

// Every literal password in fixtures/config/connection-string-password, as written and percent-decoded.
const std::vector<std::string> kFixtureSecrets = {
    "Xk9-q2Lm-Zt7r",   "p%40ss%3Aw0rd%21x9", "p@ss:w0rd!x9",     "Ipv6-R3plica-Pw",  "Multi-H0st-Pw",
    "Jdbc-Param-Pw7",  "M0ngo-Atlas-Pw",     "St4ging-Leak-Pw",  "Pr1sma-Literal-Pw", "C0mpose-Remote-Pw",
    "Kub3rnetes-Svc-Pw", "H3lm-Values-Pw",   "Ts-L1teral-Pw"};
constexpr const char* kPasswordFixture = "fixtures/config/connection-string-password";

void expect_no_secret(const std::string& output, const std::vector<std::string>& secrets, const std::string& what) {
  for (const auto& s : secrets) EXPECT_EQ(output.find(s), std::string::npos) << what << " prints the secret " << s;
}

}  // namespace

TEST(Secrets, NeverPrintedInAnyFormat) {
  for (const char* format : {"text", "gcc", "json", "sarif"}) {
    auto r = run_connlint(std::string("check ") + kPasswordFixture + " --color never --format " + format);
    EXPECT_EQ(r.exit_code, 1) << format << r.err;
    expect_no_secret(r.out + r.err, kFixtureSecrets, format);
  }
  // The findings are there (so the test above is not vacuous), masked.
  auto json = nlohmann::json::parse(run_connlint(std::string("check ") + kPasswordFixture + " --format json").out);
  std::size_t reported = 0;
  for (const auto& f : json["findings"])
    if (f["rule"] == "connection-string-password") {
      ++reported;
      EXPECT_NE(f["message"].get<std::string>().find("****"), std::string::npos) << f["message"];
    }
  EXPECT_EQ(reported, 12u);  // the 13 secrets above are 12 passwords (one written encoded)
  // Masking is exact: a development password (`postgres` in LOCAL_URL) does not mangle other text.
  EXPECT_NE(json.dump().find("(`postgresql://billing:****@billing-db.eu-west-1.rds.amazonaws.com:5432/billing`)"),
            std::string::npos);
  auto text = run_connlint(std::string("check ") + kPasswordFixture + " --color never").out;
  EXPECT_NE(text.find("postgresql://billing:****@billing-db.eu-west-1.rds.amazonaws.com"), std::string::npos) << text;
}

// C/C++ string literals too.
TEST(Secrets, NeverPrintedForCppLiterals) {
  for (const char* format : {"text", "gcc", "json", "sarif"}) {
    auto r = run_connlint(std::string("check fixtures/config/session-state-cpp --color never --format ") + format);
    EXPECT_NE(r.out.find("connection-string-password"), std::string::npos) << format << r.out << r.err;
    expect_no_secret(r.out + r.err, {"Cpp-L1teral-Pw"}, format);
  }
}

// Other rules' findings on a line with a password show the line masked too, also when the password rule is off,
// and a committed baseline does not store it.
TEST(Secrets, MaskedInOtherRulesFindingsAndInTheBaseline) {
  auto dir = temp_dir("secret-line");
  const std::string secret = "Sh4red-L1ne-Secret";
  write_file(dir / ".env", "DATABASE_URL=postgresql://app:" + secret +
                               "@db.example.com:5432/app?connection_limit=5&pool_timeout=0\n");
  write_file(dir / ".connlint.json", R"({ "rules": { "connection-string-password": "off" } })");
  for (const char* format : {"text", "gcc", "json", "sarif"}) {
    auto r = run_connlint(std::string("check . --color never --format ") + format, dir);
    EXPECT_EQ(r.exit_code, 0) << r.err;  // pool-without-connection-timeout is a note
    EXPECT_NE(r.out.find("pool-without-connection-timeout"), std::string::npos) << format << r.out;
    expect_no_secret(r.out + r.err, {secret}, format);
  }
  auto text = run_connlint("check . --color never", dir).out;
  // The caret still points at `pool_timeout=0` on the masked line.
  auto line_at = text.find("1 | DATABASE_URL=postgresql://app:****@db.example.com");
  ASSERT_NE(line_at, std::string::npos) << text;
  std::string shown = text.substr(line_at, text.find('\n', line_at) - line_at);
  std::size_t caret_line = text.find('\n', line_at) + 1;
  std::string carets = text.substr(caret_line, text.find('\n', caret_line) - caret_line);
  EXPECT_EQ(carets.find('^'), shown.find("pool_timeout=0")) << text;

  // A committed baseline does not store the password either (both rules on).
  std::filesystem::remove(dir / ".connlint.json");
  auto baseline = run_connlint("baseline -o baseline.json", dir);
  EXPECT_EQ(baseline.exit_code, 0) << baseline.err;
  std::string stored = read_file(dir / "baseline.json");
  EXPECT_NE(stored.find("connection-string-password"), std::string::npos) << stored;
  EXPECT_EQ(stored.find(secret), std::string::npos) << stored;
  EXPECT_EQ(run_connlint("check . --baseline baseline.json --fail-on note", dir).exit_code, 0);
}

TEST(SessionStateUnderTransactionPooling, RaisedToErrorWithThePoolerNamed) {
  connlint::Catalog catalog = connlint::Catalog::builtin();
  auto run = [&](const std::string& project) {
    connlint::AnalysisOptions options;
    options.cwd = source_dir();
    options.paths = {project};
    return connlint::analyze(options, catalog);
  };
  auto pooled = run("fixtures/config/session-state-transaction-pooling");
  std::size_t seen = 0;
  for (const auto& f : pooled.findings) {
    if (f.rule_id != "session-state-sql") continue;
    ++seen;
    EXPECT_EQ(f.level, connlint::Level::Error);
    EXPECT_NE(f.message.find("Supavisor's transaction mode"), std::string::npos) << f.message;
    ASSERT_FALSE(f.related.empty());
    EXPECT_EQ(f.related.back().location.path, "fixtures/config/session-state-transaction-pooling/.env");
  }
  EXPECT_EQ(seen, 2u);
  // The C++ part too (libpq).
  auto cpp = run("fixtures/config/session-state-cpp");
  seen = 0;
  for (const auto& f : cpp.findings)
    if (f.rule_id == "session-state-sql") {
      ++seen;
      EXPECT_EQ(f.level, connlint::Level::Error);
      EXPECT_NE(f.message.find("PgBouncer in transaction mode"), std::string::npos) << f.message;
    }
  EXPECT_EQ(seen, 1u);
  // Without such configuration the rule keeps its default level.
  auto plain = run("fixtures/ts/broad-transaction-session-sql");
  seen = 0;
  for (const auto& f : plain.findings)
    if (f.rule_id == "session-state-sql") {
      ++seen;
      EXPECT_EQ(f.level, connlint::Level::Warning) << f.message;
    }
  EXPECT_GT(seen, 0u);
}
