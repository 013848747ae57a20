#pragma once
// One reader per config format. Each fills `out.entries`, `out.urls` (and, for Prisma, `out.datasources`) with
// 1-based line/byte-column spans. They are forgiving line readers, not full parsers: what they cannot read they
// skip, and the rest of the file is still read.
#include "core/source_file.h"
#include "facts/config_facts.h"

namespace connlint::config {

// dotenv: `KEY=value`, `export KEY=value`, `KEY: value`, single/double/backtick quotes (double-quoted values may
// span lines), `#` comments (for unquoted values, as dotenv does, from the first `#`).
void read_env_file(const SourceText& source, facts::ConfigFacts& out);

// schema.prisma: `datasource` blocks (`provider`, `url`, `directUrl`, `shadowDatabaseUrl` as `env("X")` or a
// literal); `//` comments.
void read_prisma_schema(const SourceText& source, facts::ConfigFacts& out);

// YAML as compose files, Kubernetes manifests and Helm values use it: block mappings and sequences by indentation,
// `KEY=value` list items (compose `environment:`), `- name: X` / `value: Y` pairs (Kubernetes `env:`), block
// scalars (read line by line for `key = value` settings), plain and quoted scalars, `#` comments. Flow
// collections are not parsed, but URLs in them are found.
void read_yaml_file(const SourceText& source, facts::ConfigFacts& out);

// ini (pgbouncer.ini): `[section]`, `key = value`, `;` and `#` comments. Entries get the section as scope.
void read_ini_file(const SourceText& source, facts::ConfigFacts& out);

// Any other text: only the connection URLs on each line.
void read_urls_only(const SourceText& source, facts::ConfigFacts& out);

}  // namespace connlint::config
