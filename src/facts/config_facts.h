#pragma once
// ConfigFacts: what the config-file front end (src/config/) extracts from one configuration file: the assignments
// it holds (env variables, YAML keys, ini settings), the connection strings in them, and Prisma's datasources. The
// pool-config rules read these next to the code's facts.
#include <string>
#include <vector>

#include "core/notice.h"
#include "facts/file_facts.h"

namespace connlint::facts {

enum class ConfigKind : std::uint8_t {
  Env,         // .env, .env.*, *.env, .envrc
  Prisma,      // *.prisma
  Compose,     // docker-compose*.yml, compose*.yml
  Kubernetes,  // YAML under k8s/, helm/, charts/, deploy/, ... and Helm values*.yaml
  Deployment,  // vercel.json, netlify.toml, serverless.yml: the app runs as serverless functions
  PgBouncer,   // pgbouncer.ini
  Code,        // a C/C++ source file: only the connection strings written on its lines (its literals)
};

// One `key = value` the file sets: `DATABASE_URL=...` in .env, `POOL_MODE: transaction` in compose,
// `- name: X / value: Y` in a Kubernetes env list, `pool_mode = transaction` in pgbouncer.ini.
struct ConfigEntry {
  std::string key;     // the variable or the last key (`DATABASE_URL`, `pool_mode`)
  std::string path;    // YAML: the dotted key path (`services.web.environment.DATABASE_URL`); else = key
  std::string value;   // unquoted
  Span key_span;
  Span value_span;
  std::string scope;   // compose: the service it belongs to (`pgbouncer`); else ""
};

// `datasource db { provider = "postgresql"  url = env("DATABASE_URL")  directUrl = env("DIRECT_URL") }`
struct PrismaDatasource {
  struct Field {
    bool present = false;
    std::string env;   // `env("NAME")`: the variable
    int literal = -1;  // a literal URL: its index in ConfigFacts::urls
    Span span;         // the whole `url = ...` line part
  };
  std::string name;
  std::string provider;
  Field url, direct_url, shadow_url;
  Span span;  // the `datasource` keyword line
};

struct ConfigFacts {
  std::string path;  // relative to the project root
  ConfigKind kind = ConfigKind::Env;
  // `.env.example`, `.env.sample`, `.env.template`, ...: documentation of what to set, whose placeholders are
  // not secrets. Its URLs still show how the project is meant to connect.
  bool example = false;
  std::vector<ConfigEntry> entries;
  std::vector<ConnectionUrl> urls;  // every connection string in the file (key = the entry holding it)
  std::vector<PrismaDatasource> datasources;
  std::vector<Notice> notices;
};

}  // namespace connlint::facts
