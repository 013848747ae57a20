// libFuzzer target: the .connlint.json loader on arbitrary bytes.
//
// load_config reads a file, so each input is written to one scratch file first (the loader's own entry point is
// what `connlint check` calls). A malformed file must end in ConfigError; a valid one is then used the way the driver
// uses it: ignore globs and per-file rule levels are evaluated for a few paths.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/config.h"

namespace {

namespace fs = std::filesystem;

const fs::path& scratch_dir() {
  static const fs::path dir = [] {
    std::string templ = (fs::temp_directory_path() / "connlint-fuzz-config-XXXXXX").string();
    if (!mkdtemp(templ.data())) {
      std::perror("mkdtemp");
      std::abort();
    }
    return fs::path(templ);
  }();
  return dir;
}

void write_file(const fs::path& file, const std::uint8_t* data, std::size_t size) {
  std::FILE* f = std::fopen(file.c_str(), "wb");
  if (!f || std::fwrite(data, 1, size, f) != size || std::fclose(f) != 0) {
    std::perror("writing the scratch configuration");
    std::abort();
  }
}

constexpr const char* kPaths[] = {
    "src/app.ts", "dist/app.js", "scripts/migrate.ts", "generated/x/y.ts", "../outside.ts", "a/b/c/d/e.tsx", "", "."};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path file = scratch_dir() / connlint::kConfigFileName;
  write_file(file, data, size);
  connlint::Config config;
  try {
    config = connlint::load_config(file);
  } catch (const connlint::ConfigError& e) {
    (void)e.describe();
    return 0;
  }
  for (const char* path : kPaths) {
    (void)config.ignored(scratch_dir(), path);
    for (const auto& [rule, setting] : config.rules)
      (void)config.level_for(rule, connlint::Level::Warning, scratch_dir(), path);
    for (const auto& o : config.overrides)
      for (const auto& [rule, setting] : o.rules)
        (void)config.level_for(rule, connlint::Level::Note, scratch_dir(), path);
  }
  return 0;
}
