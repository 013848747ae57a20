#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace connlint::index {

// Resolves TS/JS import specifiers to files of the project, the way TypeScript's bundler resolution does:
// relative paths with implied extensions and index files, `.js` written for a `.ts` source, and the `paths` /
// `baseUrl` of the nearest tsconfig.json (or jsconfig.json), following relative `extends`.
class ModuleResolver {
 public:
  // `boundary`: the project (git top level); no tsconfig above it is read and no file outside it resolved.
  // `base`: results are relative to it (the working directory, like every path in findings).
  ModuleResolver(std::filesystem::path boundary, std::filesystem::path base);

  // `from_file` is relative to the base. Returns the imported file relative to the root, or nullopt for a package
  // import or a file that does not exist inside the root.
  std::optional<std::string> resolve(const std::string& from_file, const std::string& specifier);

 private:
  struct TsConfig {
    std::filesystem::path base;  // directory `paths` are relative to
    bool has_base_url = false;
    std::vector<std::pair<std::string, std::vector<std::string>>> paths;
  };
  std::optional<std::string> resolve_uncached(const std::filesystem::path& from_dir, const std::string& specifier);
  std::optional<std::string> resolve_file(const std::filesystem::path& candidate) const;
  const TsConfig* config_for_dir(const std::filesystem::path& dir);
  std::shared_ptr<TsConfig> load_config(const std::filesystem::path& file, int depth);
  std::optional<std::string> to_relative(const std::filesystem::path& absolute) const;
  bool is_file(const std::filesystem::path& p) const;

  std::filesystem::path root_;
  std::filesystem::path base_;
  std::map<std::filesystem::path, std::shared_ptr<TsConfig>> config_by_dir_;
  // Imports repeat across files and each candidate is a stat(): remember both answers.
  // "dir\0specifier" (relative imports) or "tsconfig <address>\0specifier" (the others) -> result
  std::unordered_map<std::string, std::optional<std::string>> resolved_;
  // Each importing file's directory, normalised once (path arithmetic showed up at 3% of a warm run).
  struct FromDir {
    std::filesystem::path dir;
    std::string key;
    const TsConfig* config = nullptr;
    bool config_known = false;
  };
  std::unordered_map<std::string, FromDir> from_dirs_;
  mutable std::unordered_map<std::string, bool> file_exists_;
};

// Parses JSON with comments and trailing commas (tsconfig.json's dialect); throws nlohmann::json::parse_error.
std::string strip_jsonc_trailing_commas(const std::string& text);

}  // namespace connlint::index
