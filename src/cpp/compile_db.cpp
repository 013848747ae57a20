#include "cpp/compile_db.h"

#include <clang/Tooling/CompilationDatabase.h>
#include <clang/Tooling/JSONCompilationDatabase.h>

#include <algorithm>

#include "cpp/file_kinds.h"
#include "cpp/resource_dir.h"

namespace connlint::cpp {

namespace fs = std::filesystem;
using clang::tooling::CompilationDatabase;

namespace {

// A database file in `dir`: compile_commands.json, else compile_flags.txt.
std::unique_ptr<CompilationDatabase> load_from_directory(const fs::path& dir, std::string& error) {
  std::error_code ec;
  if (fs::is_regular_file(dir / "compile_commands.json", ec))
    return clang::tooling::JSONCompilationDatabase::loadFromFile((dir / "compile_commands.json").string(), error,
                                                                 clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (fs::is_regular_file(dir / "compile_flags.txt", ec))
    return clang::tooling::FixedCompilationDatabase::loadFromFile((dir / "compile_flags.txt").string(), error);
  return nullptr;
}

std::string display(const fs::path& p, const fs::path& cwd) {
  fs::path rel = p.lexically_normal().lexically_relative(cwd);
  return rel.empty() || *rel.begin() == ".." ? p.generic_string() : rel.generic_string();
}

}  // namespace

struct CompileDatabase::Impl {
  struct Db {
    std::unique_ptr<CompilationDatabase> db;
    std::string origin;
  };
  fs::path cwd;
  std::vector<Db> primary;  // -p DIR, then the auto-detected ones
  std::unique_ptr<CompilationDatabase> fixed;
  std::map<fs::path, std::shared_ptr<Db>> by_directory;  // nearest-database search, cached
  std::vector<Notice>* problems = nullptr;

  std::optional<CompileCommand> lookup(const Db& db, const fs::path& file) const {
    auto commands = db.db->getCompileCommands(file.string());
    if (commands.empty()) return std::nullopt;
    CompileCommand c;
    c.directory = commands.front().Directory;
    c.file = file.string();
    c.arguments = commands.front().CommandLine;
    c.origin = db.origin;
    return c;
  }

  void report_unreadable(const fs::path& dir, const std::string& error) {
    std::error_code ec;
    std::string name =
        fs::is_regular_file(dir / "compile_commands.json", ec) ? "compile_commands.json" : "compile_flags.txt";
    Notice notice{display(dir / name, cwd), "not used: cannot be read as a compilation database (" + error + ")"};
    if (std::find_if(problems->begin(), problems->end(), [&](const Notice& n) { return n.path == notice.path; }) ==
        problems->end())
      problems->push_back(std::move(notice));
  }

  std::shared_ptr<Db> nearest(const fs::path& dir) {
    if (auto it = by_directory.find(dir); it != by_directory.end()) return it->second;
    std::string error;
    std::shared_ptr<Db> found;
    if (auto db = load_from_directory(dir, error)) {
      std::error_code ec;
      std::string name =
          fs::is_regular_file(dir / "compile_commands.json", ec) ? "compile_commands.json" : "compile_flags.txt";
      found = std::make_shared<Db>(Db{std::move(db), display(dir / name, cwd)});
    } else if (!error.empty()) {
      report_unreadable(dir, error);
      if (dir.has_parent_path() && dir.parent_path() != dir) found = nearest(dir.parent_path());
    } else if (dir.has_parent_path() && dir.parent_path() != dir) {
      found = nearest(dir.parent_path());
    }
    by_directory[dir] = found;
    return found;
  }
};

CompileDatabase::CompileDatabase(const CompileDbOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->cwd = options.cwd;
  impl_->problems = &problems_;
  std::string error;
  if (!options.build_dir.empty()) {
    fs::path dir =
        fs::path(options.build_dir).is_absolute() ? fs::path(options.build_dir) : options.cwd / options.build_dir;
    // clang-tidy also accepts the path of the database file itself.
    std::error_code ec;
    if (fs::is_regular_file(dir, ec)) dir = dir.parent_path();
    if (auto db = load_from_directory(dir, error)) {
      impl_->primary.push_back({std::move(db), display(dir / "compile_commands.json", options.cwd)});
    } else {
      error_ = error.empty() ? "no compile_commands.json or compile_flags.txt in " + options.build_dir
                             : "cannot read the compilation database in " + options.build_dir + ": " + error;
    }
  }
  if (options.fixed)
    impl_->fixed = std::make_unique<clang::tooling::FixedCompilationDatabase>(options.cwd.string(), *options.fixed);
  if (options.build_dir.empty() && !options.fixed) {
    for (const fs::path& dir : {options.cwd, options.cwd / "build"}) {
      error.clear();
      std::error_code ec;
      if (!fs::is_regular_file(dir / "compile_commands.json", ec)) continue;
      if (auto db = load_from_directory(dir, error))
        impl_->primary.push_back({std::move(db), display(dir / "compile_commands.json", options.cwd)});
      else
        impl_->report_unreadable(dir, error);
    }
  }
}

CompileDatabase::~CompileDatabase() = default;

bool CompileDatabase::has_database() const { return !impl_->primary.empty(); }

CompileCommand CompileDatabase::command_for(const fs::path& file) {
  for (const auto& db : impl_->primary)
    if (auto c = impl_->lookup(db, file)) return *c;
  if (impl_->fixed) {
    Impl::Db fixed{std::move(impl_->fixed), "the arguments after --"};
    auto c = impl_->lookup(fixed, file);
    impl_->fixed = std::move(fixed.db);
    if (c) return *c;
  }
  if (!impl_->fixed)
    if (auto db = impl_->nearest(file.parent_path()))
      if (auto c = impl_->lookup(*db, file)) return *c;
  CompileCommand c;
  c.directory = file.parent_path().string();
  c.file = file.string();
  bool is_c = is_c_source(file.string());
  c.arguments = {is_c ? "clang" : "clang++", is_c ? "-std=c11" : "-std=c++17", file.string()};
  c.origin = "default flags";
  c.fallback = true;
  return c;
}

std::vector<std::string> analysis_arguments(const CompileCommand& command, const std::string& resource_dir) {
  const auto& in = command.arguments;
  std::vector<std::string> out;
  if (in.empty()) return out;
  out.push_back(in[0]);
  out.push_back("-fsyntax-only");
  if (!resource_dir.empty() && !sets_resource_dir(in)) out.push_back("-resource-dir=" + resource_dir);
  // Options that take the next argument as their value, and which we drop with it.
  static const char* kDropWithValue[] = {"-o", "-MF", "-MT", "-MQ", "--serialize-diagnostics", "-dependency-file"};
  // clang-format off
  static const char* kDrop[] = {"-c", "-S", "-E", "-M", "-MM", "-MD", "-MMD", "-MP", "-MG", "-Werror",
                                "-pedantic-errors", "-save-temps", "-fsyntax-only", "-Winvalid-pch"};
  // clang-format on
  for (std::size_t i = 1; i < in.size(); ++i) {
    const std::string& a = in[i];
    if (std::find(std::begin(kDropWithValue), std::end(kDropWithValue), a) != std::end(kDropWithValue)) {
      ++i;
      continue;
    }
    if (std::find(std::begin(kDrop), std::end(kDrop), a) != std::end(kDrop)) continue;
    if ((a.rfind("-o", 0) == 0 && a.size() > 2 && a != "-objc") || a.rfind("-Werror=", 0) == 0 ||
        a.rfind("-MF", 0) == 0 || a.rfind("-MT", 0) == 0 || a.rfind("-MQ", 0) == 0 || a.rfind("-save-temps=", 0) == 0)
      continue;
    // A precompiled header built by another compiler (or another clang) cannot be read; its source header is
    // included instead when the command names one (`-include cmake_pch.hxx`).
    if (a == "-include-pch") {
      ++i;
      continue;
    }
    if (a == "-Xclang" && i + 1 < in.size() && in[i + 1] == "-include-pch") {
      i += 3;  // -Xclang -include-pch -Xclang FILE
      continue;
    }
    out.push_back(a);
  }
  return out;
}

}  // namespace connlint::cpp
