#pragma once
// `.connlint.json`: the project's connlint configuration (format: docs/configuration.md).
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/level.h"

namespace connlint {

struct RuleSetting {
  bool off = false;
  std::optional<Level> level;
};

struct ConfigOverride {
  std::vector<std::string> files;  // globs, relative to the configuration's directory
  std::map<std::string, RuleSetting> rules;
};

struct Config {
  std::filesystem::path file;  // the file it came from ("" for the built-in defaults)
  std::filesystem::path dir;   // globs are relative to it
  std::map<std::string, RuleSetting> rules;
  std::vector<std::string> ignore;
  std::vector<ConfigOverride> overrides;
  std::vector<std::filesystem::path> catalogs;  // absolute
  double transaction_timeout_ms = 10000;
  std::optional<Level> fail_on;          // nullopt: not set; see fail_never
  bool fail_never = false;
  std::optional<std::uint64_t> max_file_size;
  std::optional<double> file_timeout_seconds;  // per-file parse budget; 0: none

  // Paths are relative to the working directory `cwd`.
  bool ignored(const std::filesystem::path& cwd, const std::string& path) const;
  // The level of `rule` for a finding in `path`, or nullopt when the rule is off there.
  std::optional<Level> level_for(const std::string& rule, Level default_level, const std::filesystem::path& cwd,
                                 const std::string& path) const;
};

// A configuration problem, with the place it is at (1-based; 0 when the whole file is at fault).
struct ConfigError : std::runtime_error {
  std::string file;
  std::uint32_t line, column;
  ConfigError(std::string file, std::uint32_t line, std::uint32_t column, const std::string& what)
      : std::runtime_error(what), file(std::move(file)), line(line), column(column) {}
  // `path:line:col: message`, the way compilers print it.
  std::string describe() const;
};

inline constexpr const char* kConfigFileName = ".connlint.json";

// Reads and validates a configuration file. Throws ConfigError.
Config load_config(const std::filesystem::path& file);
// The nearest .connlint.json in `start` or a directory above it, stopping at `stop` (inclusive) or the root.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start, const std::filesystem::path& stop);
// What `connlint init` writes.
std::string starter_config();

}  // namespace connlint
