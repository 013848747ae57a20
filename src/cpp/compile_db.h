#pragma once
// Where each translation unit's compile command comes from, the way clang-tidy finds it:
//   1. `-p DIR`: DIR/compile_commands.json (or DIR/compile_flags.txt);
//   2. `-- ARGS`: these compiler arguments, for every file;
//   3. compile_commands.json in the working directory or in build/ (auto-detected);
//   4. the nearest compile_commands.json or compile_flags.txt in the file's directory or one of its parents;
//   5. default flags (-std=c++17 / -std=c11), with a notice.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/notice.h"

namespace connlint::cpp {

struct CompileCommand {
  std::string directory;               // the compiler's working directory
  std::string file;                    // the main file (absolute)
  std::vector<std::string> arguments;  // argv, starting with the compiler
  std::string origin;                  // for notices: "build/compile_commands.json", "default flags"
  bool fallback = false;               // no database knew the file: default flags
};

struct CompileDbOptions {
  std::filesystem::path cwd;
  std::string build_dir;                          // -p DIR ("" = auto-detect)
  std::optional<std::vector<std::string>> fixed;  // arguments after `--`
};

class CompileDatabase {
 public:
  // Loads -p DIR (an error when it holds no database: see error()) and the auto-detected databases.
  explicit CompileDatabase(const CompileDbOptions& options);
  ~CompileDatabase();
  CompileDatabase(const CompileDatabase&) = delete;
  CompileDatabase& operator=(const CompileDatabase&) = delete;

  // Non-empty when -p DIR named no usable database: a usage error.
  const std::string& error() const { return error_; }
  // Databases found but unreadable (broken JSON, missing keys): not used, and the user is told why.
  const std::vector<Notice>& problems() const { return problems_; }
  // Is a database in use (-p DIR, or compile_commands.json found in . or build/)?
  bool has_database() const;
  // The compile command for one source file (absolute path). Not thread-safe (it caches per directory).
  CompileCommand command_for(const std::filesystem::path& file);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string error_;
  std::vector<Notice> problems_;
};

// Arguments for analysing `command` with LibTooling: syntax only, no output or dependency files, no -Werror, no
// precompiled header from another compiler, and `-resource-dir=resource_dir` unless the command sets one.
std::vector<std::string> analysis_arguments(const CompileCommand& command, const std::string& resource_dir);

}  // namespace connlint::cpp
