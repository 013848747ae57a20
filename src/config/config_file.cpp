#include "config/config_file.h"

#include <algorithm>
#include <cctype>

#include "config/readers.h"

namespace connlint::config {

namespace {

// Folders whose YAML is deployment configuration (Kubernetes manifests, Helm charts, kustomize overlays).
constexpr std::string_view kDeploymentDirs[] = {"k8s",        "kubernetes", "kube",        "helm",     "charts",
                                                "chart",      "manifests",  "deploy",      "deployment",
                                                "deployments", "infra",     "infrastructure", "kustomize",
                                                "overlays",   "argocd",     "gitops"};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view basename(std::string_view path) {
  auto slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

bool is_yaml(std::string_view name) { return ends_with(name, ".yml") || ends_with(name, ".yaml"); }

bool is_env_name(std::string_view name) {
  // `.env`, `.env.local`, `.env-template`, `.env_example`, `.envrc`, `production.env`
  return name == ".env" || starts_with(name, ".env.") || starts_with(name, ".env-") || starts_with(name, ".env_") ||
         name == ".envrc" || (ends_with(name, ".env") && name.size() > 4);
}

bool is_compose_name(std::string_view name) {
  return is_yaml(name) && (starts_with(name, "docker-compose") || starts_with(name, "compose."));
}

bool in_deployment_dir(std::string_view path) {
  std::size_t begin = 0;
  while (true) {
    std::size_t slash = path.find('/', begin);
    if (slash == std::string_view::npos) return false;
    std::string dir = lower(path.substr(begin, slash - begin));
    if (std::find(std::begin(kDeploymentDirs), std::end(kDeploymentDirs), dir) != std::end(kDeploymentDirs))
      return true;
    begin = slash + 1;
  }
}

}  // namespace

bool is_config_path(std::string_view path) {
  std::string name = lower(basename(path));
  if (is_env_name(name) || ends_with(name, ".prisma") || is_compose_name(name)) return true;
  if (name == "vercel.json" || name == "netlify.toml" || name == "pgbouncer.ini" || name == "serverless.yml" ||
      name == "serverless.yaml")
    return true;
  return is_yaml(name) && (starts_with(name, "values") || in_deployment_dir(path));
}

facts::ConfigKind config_kind(std::string_view path) {
  std::string name = lower(basename(path));
  if (is_env_name(name)) return facts::ConfigKind::Env;
  if (ends_with(name, ".prisma")) return facts::ConfigKind::Prisma;
  if (is_compose_name(name)) return facts::ConfigKind::Compose;
  if (name == "pgbouncer.ini") return facts::ConfigKind::PgBouncer;
  if (name == "vercel.json" || name == "netlify.toml" || starts_with(name, "serverless."))
    return facts::ConfigKind::Deployment;
  return facts::ConfigKind::Kubernetes;
}

bool is_example_path(std::string_view path) {
  std::string name = lower(basename(path));
  for (std::string_view word : {"example", "sample", "template", "dist", "defaults", "tmpl"})
    if (name.find(word) != std::string::npos) return true;
  return false;
}

facts::ConfigFacts extract_config(const std::string& relative_path, const SourceText& source) {
  facts::ConfigFacts out;
  out.path = relative_path;
  out.kind = config_kind(relative_path);
  out.example = is_example_path(relative_path);
  switch (out.kind) {
    case facts::ConfigKind::Env: read_env_file(source, out); break;
    case facts::ConfigKind::Prisma: read_prisma_schema(source, out); break;
    case facts::ConfigKind::Compose:
    case facts::ConfigKind::Kubernetes: read_yaml_file(source, out); break;
    case facts::ConfigKind::PgBouncer: read_ini_file(source, out); break;
    case facts::ConfigKind::Deployment:
      if (is_yaml(basename(relative_path))) read_yaml_file(source, out);
      else read_urls_only(source, out);
      break;
    case facts::ConfigKind::Code: read_urls_only(source, out); break;
  }
  return out;
}

facts::ConfigFacts extract_code_urls(const std::string& relative_path, const SourceText& source) {
  facts::ConfigFacts out;
  out.path = relative_path;
  out.kind = facts::ConfigKind::Code;
  read_urls_only(source, out);
  return out;
}

}  // namespace connlint::config
