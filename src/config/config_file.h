#pragma once
// The config-file front end: which files it reads and the facts it extracts from them (facts/config_facts.h).
#include <string>
#include <string_view>

#include "core/source_file.h"
#include "facts/config_facts.h"

namespace connlint::config {

// Is this a configuration file connlint reads, by name and place? `.env`, `.env.*`, `.env-*`, `*.env`, `.envrc`,
// `*.prisma`, `docker-compose*.yml`, `compose*.yml`, YAML under Kubernetes/Helm folders (k8s/, kubernetes/, helm/,
// charts/, deploy/, manifests/, ...) and Helm `values*.yaml`, `vercel.json`, `netlify.toml`, `serverless.yml`,
// `pgbouncer.ini`.
bool is_config_path(std::string_view path);

// Which kind of config file this is (is_config_path must hold).
facts::ConfigKind config_kind(std::string_view path);

// `.env.example`, `.env.sample`, `.env.template`, `example.env`, ...: documentation of what to set.
bool is_example_path(std::string_view path);

// Extracts the facts of one config file.
facts::ConfigFacts extract_config(const std::string& relative_path, const SourceText& source);

// The connection strings written in a C/C++ source file (kind Code), found line by line: the Clang front end
// records SQL, not other literals, and the pool-config rules and the reporters' masking need them.
facts::ConfigFacts extract_code_urls(const std::string& relative_path, const SourceText& source);

}  // namespace connlint::config
