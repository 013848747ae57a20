// The config-file front end (src/config/): connection URLs with the spans of their parts, and the readers for env
// files, schema.prisma and compose/Kubernetes YAML.
#include <gtest/gtest.h>

#include "config/config_file.h"
#include "config/connection_url.h"

using namespace connlint;

namespace {

facts::ConnectionUrl parse(std::string_view text) {
  auto url = config::parse_connection_url(text, 1, 1);
  EXPECT_TRUE(url) << text;
  return url ? *url : facts::ConnectionUrl{};
}

// The text a span covers in `text` (one line, columns 1-based).
std::string at(std::string_view text, const facts::Span& span) {
  return std::string(text.substr(span.column - 1, span.end_column - span.column));
}

const facts::ConfigEntry* entry(const facts::ConfigFacts& f, std::string_view key) {
  for (const auto& e : f.entries)
    if (e.key == key) return &e;
  return nullptr;
}

}  // namespace

TEST(ConnectionUrl, PartsAndTheirSpans) {
  std::string_view text = "postgresql://app.ref:s3cret-Pw@aws-0-eu-central-1.pooler.supabase.com:6543/postgres"
                          "?sslmode=require&pgbouncer=true";
  auto url = parse(text);
  EXPECT_EQ(url.scheme, "postgresql");
  EXPECT_EQ(url.user, "app.ref");
  ASSERT_TRUE(url.has_password);
  EXPECT_FALSE(url.password_placeholder);
  EXPECT_EQ(at(text, url.password_span), "s3cret-Pw");
  ASSERT_EQ(url.hosts.size(), 1u);
  EXPECT_EQ(url.hosts[0].name, "aws-0-eu-central-1.pooler.supabase.com");
  EXPECT_EQ(url.hosts[0].port, 6543u);
  EXPECT_EQ(at(text, url.hosts[0].port_span), "6543");
  EXPECT_EQ(url.database, "postgres");
  ASSERT_EQ(url.params.size(), 2u);
  ASSERT_NE(url.param("pgbouncer"), nullptr);
  EXPECT_EQ(url.param("pgbouncer")->value, "true");
  EXPECT_EQ(at(text, url.param("pgbouncer")->span), "pgbouncer=true");
}

TEST(ConnectionUrl, ParametersInAnyOrderAndBothSchemes) {
  for (std::string_view text : {"postgres://u:p4ss-word@h.example.com:6543/db?pgbouncer=true&connection_limit=1",
                                "postgresql://u:p4ss-word@h.example.com:6543/db?connection_limit=1&pgbouncer=true",
                                "postgres://u:p4ss-word@h.example.com:6543/db"
                                "?sslmode=require&connection_limit=1&pgbouncer=true"}) {
    auto url = parse(text);
    ASSERT_NE(url.param("pgbouncer"), nullptr) << text;
    ASSERT_NE(url.param("connection_limit"), nullptr) << text;
    EXPECT_EQ(url.param("connection_limit")->value, "1");
    EXPECT_EQ(url.hosts.at(0).port, 6543u);
  }
}

TEST(ConnectionUrl, Ipv6HostsMultipleHostsAndNoPort) {
  std::string_view v6 = "postgres://reader:pw-123456@[2001:db8::8a2e:370:7334]:5433/billing";
  auto url = parse(v6);
  ASSERT_EQ(url.hosts.size(), 1u);
  EXPECT_EQ(url.hosts[0].name, "2001:db8::8a2e:370:7334");
  EXPECT_EQ(url.hosts[0].port, 5433u);
  EXPECT_EQ(at(v6, url.hosts[0].span), "[2001:db8::8a2e:370:7334]");
  EXPECT_EQ(config::host_and_port(url), "[2001:db8::8a2e:370:7334]:5433");

  auto loopback = parse("postgresql://u@[::1]/db");
  EXPECT_EQ(loopback.hosts.at(0).name, "::1");
  EXPECT_EQ(loopback.hosts.at(0).port, 0u);
  EXPECT_FALSE(loopback.has_password);

  auto multi = parse("postgresql://u:pw-123456@pg1.example.com:5432,pg2.example.com:5433/app");
  ASSERT_EQ(multi.hosts.size(), 2u);
  EXPECT_EQ(multi.hosts[1].name, "pg2.example.com");
  EXPECT_EQ(multi.hosts[1].port, 5433u);
}

TEST(ConnectionUrl, PercentEncodedPasswords) {
  std::string_view text = "postgres://analyst:p%40ss%3Aw0rd%21@analytics.example.com/warehouse";
  auto url = parse(text);
  EXPECT_EQ(url.password_raw, "p%40ss%3Aw0rd%21");
  EXPECT_EQ(config::percent_decode(url.password_raw), "p@ss:w0rd!");
  EXPECT_EQ(url.hosts.at(0).name, "analytics.example.com");
  EXPECT_FALSE(url.password_placeholder);
  // An unencoded `@` in a password: the LAST `@` ends the user info.
  auto raw_at = parse("postgres://u:p@ss@db.example.com/x");
  EXPECT_EQ(raw_at.password_raw, "p@ss");
  EXPECT_EQ(raw_at.hosts.at(0).name, "db.example.com");
}

TEST(ConnectionUrl, PlaceholdersAreKeptWholeAndAreNotSecrets) {
  auto url = parse("postgresql://${DB_USER}:${DB_PASSWORD:-x@y/z}@${DB_HOST}:${DB_PORT}/app?pgbouncer=true");
  EXPECT_TRUE(url.password_placeholder);
  EXPECT_EQ(url.password_raw, "${DB_PASSWORD:-x@y/z}");
  EXPECT_TRUE(url.hosts.at(0).placeholder);
  EXPECT_NE(url.param("pgbouncer"), nullptr);
  auto helm = parse("postgresql://app:{{ .Values.db.password }}@postgres:5432/app");
  EXPECT_TRUE(helm.password_placeholder);
  EXPECT_EQ(helm.hosts.at(0).name, "postgres");
  for (std::string_view p : {"${DB_PASSWORD}", "$PGPASSWORD", "$(DB_PASSWORD)", "<password>", "[YOUR-PASSWORD]",
                             "YOUR_DB_PASSWORD", "your-password", "********", "xxxxxx", "changeme", "password",
                             "db_password", "{password}", "__PASSWORD__"})
    EXPECT_TRUE(config::is_placeholder_secret(p)) << p;
  for (std::string_view p : {"s3cret-Pw", "hunter2", "postgres", "Xk9-q2Lm-Zt7r", "p%40ss%3Aw0rd", "Password123!"})
    EXPECT_FALSE(config::is_placeholder_secret(p)) << p;
}

TEST(ConnectionUrl, FoundInTextWithTheirColumns) {
  std::string_view line = R"(  url: "jdbc:postgresql://pg.example.com:5432/app?user=app&password=Jdbc-Pw-77", # note)";
  auto urls = config::find_connection_urls(line, 7, 1);
  ASSERT_EQ(urls.size(), 1u);
  EXPECT_EQ(urls[0].text, "postgresql://pg.example.com:5432/app?user=app&password=Jdbc-Pw-77");
  EXPECT_EQ(urls[0].span.line, 7u);
  EXPECT_EQ(at(line, urls[0].span), urls[0].text);
  ASSERT_TRUE(urls[0].has_password);  // the `password=` parameter
  EXPECT_EQ(at(line, urls[0].password_span), "Jdbc-Pw-77");
  EXPECT_TRUE(config::find_connection_urls("see https://example.com and ftp://x", 1, 1).empty());
}

TEST(ConnectionUrl, MaskingForMessagesAndStoredText) {
  auto url = parse("postgresql://app:s3cret-Pw@db.example.com:5432/app?password=other-Pw");
  EXPECT_EQ(config::masked_url(url), "postgresql://app:****@db.example.com:5432/app?password=****");
  EXPECT_EQ(config::mask_url_passwords(R"(DATABASE_URL="postgres://u:s3cret-Pw@h.example.com/db" # x)"),
            R"(DATABASE_URL="postgres://u:****@h.example.com/db" # x)");
  EXPECT_EQ(config::mask_url_passwords("postgres://u:${PW}@h/db"), "postgres://u:${PW}@h/db");
}

TEST(ConfigFiles, WhichFilesAreRead) {
  for (std::string_view p : {".env", "apps/web/.env.local", ".env.example", ".env-template", "prod.env",
                             "prisma/schema.prisma",
                             "docker-compose.yml", "docker-compose.prod.yaml", "compose.yaml", "k8s/api.yaml",
                             "deploy/helm/values.yaml", "charts/api/values-prod.yaml", "vercel.json", "netlify.toml",
                             "serverless.yml", "pgbouncer.ini"})
    EXPECT_TRUE(config::is_config_path(p)) << p;
  for (std::string_view p : {"src/env.ts", ".github/workflows/ci.yml", "package.json", "tsconfig.json", "README.md",
                             "src/db.ts", ".environment"})
    EXPECT_FALSE(config::is_config_path(p)) << p;
  EXPECT_TRUE(config::is_example_path(".env.example"));
  EXPECT_TRUE(config::is_example_path(".env.sample"));
  EXPECT_TRUE(config::is_example_path(".env.template"));
  EXPECT_TRUE(config::is_example_path(".env-example"));
  EXPECT_FALSE(config::is_example_path(".env.production"));
}

TEST(ConfigFiles, DotenvValuesCommentsAndQuotes) {
  SourceText text(
      "# comment\n"
      "export DATABASE_URL=\"postgresql://u:${PW}@h.example.com:6543/db?pgbouncer=true\" # trailing\n"
      "DIRECT_URL='postgres://u:${PW}@h.example.com:5432/db'\n"
      "PLAIN=postgres://u:pw-123456@h.example.com/db # comment\n"
      "MULTI=\"first\n"
      "second\"\n"
      "AFTER=1\n");
  auto f = config::extract_config(".env", text);
  EXPECT_EQ(f.kind, facts::ConfigKind::Env);
  ASSERT_NE(entry(f, "DATABASE_URL"), nullptr);
  EXPECT_EQ(entry(f, "PLAIN")->value, "postgres://u:pw-123456@h.example.com/db");
  EXPECT_EQ(entry(f, "MULTI")->value, "first\nsecond");
  ASSERT_NE(entry(f, "AFTER"), nullptr);
  ASSERT_EQ(f.urls.size(), 3u);
  EXPECT_EQ(f.urls[0].key, "DATABASE_URL");
  EXPECT_EQ(f.urls[0].span.line, 2u);
  EXPECT_EQ(f.urls[0].span.column, 22u);
  EXPECT_EQ(f.urls[2].key, "PLAIN");
  EXPECT_EQ(text.line(4).substr(f.urls[2].password_span.column - 1, 9), "pw-123456");
}

TEST(ConfigFiles, PrismaDatasources) {
  SourceText text(
      "generator client {\n  provider = \"prisma-client-js\"\n}\n"
      "// datasource commented { url = \"postgres://x\" }\n"
      "datasource db {\n"
      "  provider  = \"postgresql\"\n"
      "  url       = env(\"DATABASE_URL\") // the pooled one\n"
      "  directUrl = \"postgresql://admin:Pr1sma-Pw@db.example.com:5432/app\"\n"
      "}\n"
      "model User {\n  id Int @id\n}\n");
  auto f = config::extract_config("prisma/schema.prisma", text);
  ASSERT_EQ(f.datasources.size(), 1u);
  const auto& ds = f.datasources[0];
  EXPECT_EQ(ds.name, "db");
  EXPECT_EQ(ds.provider, "postgresql");
  EXPECT_EQ(ds.url.env, "DATABASE_URL");
  EXPECT_EQ(ds.url.span.line, 7u);
  ASSERT_EQ(ds.direct_url.literal, 0);
  EXPECT_EQ(f.urls.at(0).key, "directUrl");
  EXPECT_EQ(text.line(8).substr(f.urls[0].password_span.column - 1, 9), "Pr1sma-Pw");
}

TEST(ConfigFiles, ComposeAndKubernetesYaml) {
  SourceText compose(
      "services:\n"
      "  pgbouncer:\n"
      "    image: bitnami/pgbouncer\n"
      "    environment:\n"
      "      PGBOUNCER_POOL_MODE: transaction   # comment\n"
      "  api:\n"
      "    environment:\n"
      "      - \"DATABASE_URL=postgres://app:${PW}@pgbouncer:6432/app\"\n"
      "      - OTHER=1\n"
      "  worker:\n"
      "    environment:\n"
      "      DATABASE_URL: 'postgresql://app:${PW}@pgbouncer:6432/app?pgbouncer=true'\n"
      "    command: |\n"
      "      pool_mode = session\n");
  auto c = config::extract_config("docker-compose.yml", compose);
  EXPECT_EQ(c.kind, facts::ConfigKind::Compose);
  const auto* mode = entry(c, "PGBOUNCER_POOL_MODE");
  ASSERT_NE(mode, nullptr);
  EXPECT_EQ(mode->value, "transaction");
  EXPECT_EQ(mode->scope, "pgbouncer");
  EXPECT_EQ(mode->path, "services.pgbouncer.environment.PGBOUNCER_POOL_MODE");
  ASSERT_EQ(c.urls.size(), 2u);
  EXPECT_EQ(c.urls[0].key, "DATABASE_URL");
  EXPECT_EQ(c.urls[0].span.line, 8u);
  EXPECT_EQ(c.urls[1].span.line, 12u);
  const auto* block = entry(c, "pool_mode");
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(block->value, "session");

  SourceText k8s(
      "spec:\n"
      "  containers:\n"
      "    - name: api\n"
      "      env:\n"
      "        - name: DATABASE_URL\n"
      "          value: postgresql://app:K8s-Pw-1234@postgres:5432/app\n"
      "        - name: LOG_LEVEL\n"
      "          value: info\n");
  auto k = config::extract_config("k8s/api.yaml", k8s);
  EXPECT_EQ(k.kind, facts::ConfigKind::Kubernetes);
  ASSERT_EQ(k.urls.size(), 1u);
  EXPECT_EQ(k.urls[0].key, "DATABASE_URL");
  ASSERT_NE(entry(k, "LOG_LEVEL"), nullptr);
  EXPECT_EQ(entry(k, "LOG_LEVEL")->value, "info");
}
