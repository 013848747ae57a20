#pragma once
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "support/paths.h"

namespace connlint::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const std::filesystem::path& p, const std::string& content) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
}

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// A fresh empty directory under the system temp dir, unique per call.
inline std::filesystem::path temp_dir(const std::string& name) {
  static int counter = 0;
  auto dir = std::filesystem::temp_directory_path() /
             ("connlint-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// Runs `program` with `args` (already shell-quoted as needed) in `cwd`, with `env` added to its environment.
inline RunResult run_program(const std::filesystem::path& program, const std::string& args,
                             const std::filesystem::path& cwd, const std::string& stdin_text = "",
                             const std::vector<std::pair<std::string, std::string>>& env = {}) {
  auto dir = temp_dir("run");
  std::string assignments;
  for (const auto& [name, value] : env) assignments += name + "=" + shell_quote(value) + " ";
  std::string cmd = "cd " + shell_quote(cwd.string()) + " && " + assignments + shell_quote(program.string()) + " " +
                    args + " >" + shell_quote((dir / "out").string()) + " 2>" + shell_quote((dir / "err").string());
  if (!stdin_text.empty()) {
    write_file(dir / "in", stdin_text);
    cmd += " <" + shell_quote((dir / "in").string());
  } else {
    cmd += " </dev/null";
  }
  int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(dir / "out");
  r.err = read_file(dir / "err");
  std::filesystem::remove_all(dir);
  return r;
}

// Runs the real connlint binary (see run_program).
inline RunResult run_connlint(const std::string& args, const std::filesystem::path& cwd = source_dir(),
                              const std::string& stdin_text = "",
                              const std::vector<std::pair<std::string, std::string>>& env = {}) {
  return run_program(connlint_binary(), args, cwd, stdin_text, env);
}

}  // namespace connlint::testing
