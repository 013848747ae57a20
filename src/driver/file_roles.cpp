#include "driver/file_roles.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace connlint {

namespace fs = std::filesystem;
using Role = index::ProjectIndex::Role;

namespace {

bool contains_ci(std::string haystack, std::string_view needle) {
  for (char& c : haystack) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

Role file_role(const std::string& path, const facts::FileFacts& facts) {
  fs::path p(path);
  std::string name = p.filename().string();
  if (contains_ci(name, ".test.") || contains_ci(name, ".spec.") || contains_ci(name, ".e2e.")) return Role::Test;
  for (const auto& part : p.parent_path())
    if (part == "__tests__" || part == "__mocks__") return Role::Test;
  for (const auto& part : p.parent_path()) {
    std::string dir = part.string();
    if (dir == "scripts" || dir == "script" || dir == "bin" || dir == "seeds" || dir == "seeders" ||
        dir == "migrations" || dir == "migration")
      return Role::Script;
  }
  if (contains_ci(name, "seed") || contains_ci(name, "migrat")) return Role::Script;
  if (facts.shebang || facts.require_main) return Role::Script;
  // `main()` (or `main().catch(...)`) at module scope: the module is a program.
  for (const auto& call : facts.calls) {
    if (!call.at_module_scope || call.callee.symbol == facts::kNone || call.callee.steps.size() != 0) continue;
    const auto& sym = facts.symbols[call.callee.symbol];
    if (sym.kind == facts::SymbolKind::Function || (sym.kind == facts::SymbolKind::Variable && !sym.values.empty()))
      if (sym.name == "main" || sym.name == "run" || sym.name == "seed" || sym.name == "migrate") return Role::Script;
  }
  if (facts.top_level_await && (p.extension() == ".mjs" || p.extension() == ".mts")) return Role::Script;
  return Role::App;
}

NextJsDetector::NextJsDetector(fs::path cwd, fs::path boundary)
    : cwd_(std::move(cwd)), boundary_(fs::absolute(std::move(boundary)).lexically_normal()) {}

bool NextJsDetector::dir_is_nextjs(const fs::path& dir) {
  auto hit = cache_.find(dir);
  if (hit != cache_.end()) return hit->second;
  bool result = false;
  std::error_code ec;
  for (const char* config : {"next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs"})
    if (fs::exists(dir / config, ec)) result = true;
  bool has_package = fs::exists(dir / "package.json", ec);
  if (!result && has_package) {
    std::ifstream in(dir / "package.json");
    std::stringstream text;
    text << in.rdbuf();
    try {
      auto pkg = nlohmann::json::parse(text.str());
      for (const char* key : {"dependencies", "devDependencies"})
        if (pkg.contains(key) && pkg[key].is_object() && pkg[key].contains("next")) result = true;
    } catch (const nlohmann::json::exception&) {
    }
  }
  // The nearest package.json decides; above it (or at the boundary) we stop looking.
  if (!result && !has_package && dir != boundary_ && dir.has_parent_path() && dir.parent_path() != dir) {
    auto rel = dir.lexically_relative(boundary_);
    if (!rel.empty() && *rel.begin() != "..") result = dir_is_nextjs(dir.parent_path());
  }
  cache_[dir] = result;
  return result;
}

bool NextJsDetector::in_nextjs_project(const std::string& path) {
  return dir_is_nextjs((cwd_ / path).lexically_normal().parent_path());
}

PackageLocator::PackageLocator(fs::path cwd, fs::path boundary)
    : cwd_(std::move(cwd)), boundary_(fs::absolute(std::move(boundary)).lexically_normal()) {}

fs::path PackageLocator::package_dir(const fs::path& dir) {
  auto hit = cache_.find(dir);
  if (hit != cache_.end()) return hit->second;
  std::error_code ec;
  fs::path result;
  if (fs::exists(dir / "package.json", ec)) {
    result = dir;
  } else {
    auto rel = dir.lexically_relative(boundary_);
    bool inside = !rel.empty() && *rel.begin() != "..";
    if (dir != boundary_ && inside && dir.has_parent_path() && dir.parent_path() != dir)
      result = package_dir(dir.parent_path());
    else
      result = boundary_;
  }
  cache_[dir] = result;
  return result;
}

std::string PackageLocator::package_of(const std::string& path) {
  fs::path dir = package_dir((cwd_ / path).lexically_normal().parent_path());
  return dir.lexically_relative(cwd_).generic_string();
}

}  // namespace connlint
