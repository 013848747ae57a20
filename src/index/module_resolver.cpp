#include "index/module_resolver.h"

#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace connlint::index {

namespace fs = std::filesystem;

namespace {

constexpr const char* kExtensions[] = {".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"};


bool is_relative_specifier(const std::string& s) {
  return s == "." || s == ".." || s.rfind("./", 0) == 0 || s.rfind("../", 0) == 0;
}

}  // namespace

std::string strip_jsonc_trailing_commas(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < text.size()) out += text[++i];
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {  // line comment
      while (i < text.size() && text[i] != '\n') ++i;
      out += '\n';
      continue;
    }
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {  // block comment, newlines kept for positions
      i += 2;
      while (i + 1 < text.size() && !(text[i] == '*' && text[i + 1] == '/')) {
        if (text[i] == '\n') out += '\n';
        ++i;
      }
      ++i;
      continue;
    }
    if (c == ',') {
      std::size_t j = i + 1;
      while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j]))) ++j;
      if (j < text.size() && (text[j] == '}' || text[j] == ']')) continue;
    }
    out += c;
  }
  return out;
}

bool ModuleResolver::is_file(const fs::path& p) const {
  auto [it, inserted] = file_exists_.try_emplace(p.string(), false);
  if (inserted) {
    std::error_code ec;
    it->second = fs::is_regular_file(p, ec);
  }
  return it->second;
}

ModuleResolver::ModuleResolver(fs::path boundary, fs::path base)
    : root_(fs::absolute(std::move(boundary)).lexically_normal()), base_(fs::absolute(std::move(base)).lexically_normal()) {}

std::optional<std::string> ModuleResolver::to_relative(const fs::path& absolute) const {
  fs::path normal = absolute.lexically_normal();
  fs::path inside_root = normal.lexically_relative(root_);
  if (inside_root.empty() || *inside_root.begin() == "..") return std::nullopt;
  return normal.lexically_relative(base_).generic_string();
}

std::optional<std::string> ModuleResolver::resolve_file(const fs::path& candidate) const {
  // Package imports ("react") are the common case and never a project file; they never reach here.
  std::string c = candidate.string();
  auto ext = candidate.extension().string();
  for (const char* e : kExtensions)
    if (ext == e && is_file(candidate)) return to_relative(candidate);
  // TypeScript ESM: `import './db.js'` names the compiled file of db.ts.
  if (ext == ".js" || ext == ".mjs" || ext == ".cjs" || ext == ".jsx") {
    std::string stem = c.substr(0, c.size() - ext.size());
    for (const char* e : {".ts", ".tsx", ".mts", ".cts"})
      if (is_file(stem + e)) return to_relative(stem + e);
  }
  for (const char* e : kExtensions)
    if (is_file(c + e)) return to_relative(c + e);
  for (const char* e : kExtensions)
    if (is_file(candidate / (std::string("index") + e))) return to_relative(candidate / (std::string("index") + e));
  return std::nullopt;
}

std::shared_ptr<ModuleResolver::TsConfig> ModuleResolver::load_config(const fs::path& file, int depth) {
  auto config = std::make_shared<TsConfig>();
  config->base = file.parent_path();
  std::ifstream in(file);
  if (!in || depth > 8) return config;
  std::stringstream buffer;
  buffer << in.rdbuf();
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(strip_jsonc_trailing_commas(buffer.str()));
  } catch (const nlohmann::json::exception&) {
    return config;  // a broken tsconfig only loses path aliases; imports still resolve relatively
  }
  if (!doc.is_object()) return config;
  if (auto ext = doc.find("extends"); ext != doc.end() && ext->is_string()) {
    std::string target = ext->get<std::string>();
    if (is_relative_specifier(target)) {
      fs::path parent = (file.parent_path() / target).lexically_normal();
      if (parent.extension() != ".json") parent += ".json";
      *config = *load_config(parent, depth + 1);
    }
  }
  auto options = doc.find("compilerOptions");
  if (options == doc.end() || !options->is_object()) return config;
  if (auto base = options->find("baseUrl"); base != options->end() && base->is_string()) {
    config->base = (file.parent_path() / base->get<std::string>()).lexically_normal();
    config->has_base_url = true;
  } else if (options->contains("paths")) {
    config->base = file.parent_path();
  }
  if (auto paths = options->find("paths"); paths != options->end() && paths->is_object()) {
    config->paths.clear();
    for (const auto& [pattern, targets] : paths->items()) {
      std::vector<std::string> list;
      if (targets.is_array())
        for (const auto& t : targets)
          if (t.is_string()) list.push_back(t.get<std::string>());
      config->paths.emplace_back(pattern, std::move(list));
    }
  }
  return config;
}

const ModuleResolver::TsConfig* ModuleResolver::config_for_dir(const fs::path& dir) {
  auto cached = config_by_dir_.find(dir);
  if (cached != config_by_dir_.end()) return cached->second.get();
  std::shared_ptr<TsConfig> config;
  for (const char* name : {"tsconfig.json", "jsconfig.json"}) {
    if (is_file(dir / name)) {
      config = load_config(dir / name, 0);
      break;
    }
  }
  if (!config) {
    auto rel = dir.lexically_relative(root_);
    if (dir != root_ && !rel.empty() && *rel.begin() != ".." && dir.has_parent_path()) {
      const TsConfig* parent = config_for_dir(dir.parent_path());
      config_by_dir_[dir] = parent ? std::make_shared<TsConfig>(*parent) : nullptr;
      return config_by_dir_[dir].get();
    }
  }
  config_by_dir_[dir] = config;
  return config.get();
}

std::optional<std::string> ModuleResolver::resolve(const std::string& from_file, const std::string& specifier) {
  auto [at, added] = from_dirs_.try_emplace(from_file);
  FromDir& from = at->second;
  if (added) {
    from.dir = (base_ / from_file).lexically_normal().parent_path();
    from.key = from.dir.string();
  }
  // A relative import depends on the importing directory; any other only on the tsconfig that applies there (its
  // `paths` and `baseUrl`), which whole trees of directories share: `@/lib/prisma` is resolved once per tsconfig.
  std::string key;
  if (is_relative_specifier(specifier)) {
    key = from.key + '\0' + specifier;
  } else {
    if (!from.config_known) {
      from.config = config_for_dir(from.dir);
      from.config_known = true;
    }
    key = "tsconfig " + std::to_string(reinterpret_cast<std::uintptr_t>(from.config)) + '\0' + specifier;
  }
  if (auto hit = resolved_.find(key); hit != resolved_.end()) return hit->second;
  auto result = resolve_uncached(from.dir, specifier);
  resolved_.emplace(std::move(key), result);
  return result;
}

std::optional<std::string> ModuleResolver::resolve_uncached(const fs::path& from_dir, const std::string& specifier) {
  if (is_relative_specifier(specifier)) return resolve_file((from_dir / specifier).lexically_normal());
  if (specifier.empty() || specifier[0] == '/') return std::nullopt;
  const TsConfig* config = config_for_dir(from_dir);
  if (!config) return std::nullopt;
  for (const auto& [pattern, targets] : config->paths) {
    auto star = pattern.find('*');
    std::string captured;
    if (star == std::string::npos) {
      if (pattern != specifier) continue;
    } else {
      std::string prefix = pattern.substr(0, star), suffix = pattern.substr(star + 1);
      if (specifier.size() < prefix.size() + suffix.size() || specifier.compare(0, prefix.size(), prefix) != 0 ||
          specifier.compare(specifier.size() - suffix.size(), suffix.size(), suffix) != 0)
        continue;
      captured = specifier.substr(prefix.size(), specifier.size() - prefix.size() - suffix.size());
    }
    for (std::string target : targets) {
      if (auto s = target.find('*'); s != std::string::npos) target.replace(s, 1, captured);
      if (auto found = resolve_file((config->base / target).lexically_normal())) return found;
    }
  }
  if (config->has_base_url) return resolve_file((config->base / specifier).lexically_normal());
  return std::nullopt;
}

}  // namespace connlint::index
