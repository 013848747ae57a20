#include "cpp/frontend.h"

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/FileManager.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Driver/Options.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/Option/ArgList.h>
#include <llvm/Option/OptTable.h>
#include <llvm/Support/VirtualFileSystem.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "cpp/compile_db.h"
#include "cpp/extractor.h"
#include "cpp/file_kinds.h"
#include "cpp/library_model.h"
#include "cpp/resource_dir.h"

namespace connlint::cpp {

namespace fs = std::filesystem;

namespace {

// Collects compile errors instead of printing them: the front end reports a summary as one notice.
class ErrorCollector : public clang::DiagnosticConsumer {
 public:
  explicit ErrorCollector(fs::path cwd) : cwd_(std::move(cwd)) {}

  void HandleDiagnostic(clang::DiagnosticsEngine::Level level, const clang::Diagnostic& info) override {
    clang::DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level < clang::DiagnosticsEngine::Error) return;
    ++errors_;
    if (!first_.empty()) return;
    llvm::SmallString<256> message;
    info.FormatDiagnostic(message);
    first_ = message.str().str();
    if (info.hasSourceManager() && info.getLocation().isValid()) {
      clang::PresumedLoc loc = info.getSourceManager().getPresumedLoc(info.getLocation());
      if (loc.isValid()) {
        fs::path file(loc.getFilename());
        fs::path rel = file.lexically_normal().lexically_relative(cwd_);
        std::string shown = rel.empty() || *rel.begin() == ".." ? file.generic_string() : rel.generic_string();
        first_ = shown + ":" + std::to_string(loc.getLine()) + ": " + first_;
      }
    }
  }

  unsigned errors() const { return errors_; }
  const std::string& first() const { return first_; }

 private:
  fs::path cwd_;
  unsigned errors_ = 0;
  std::string first_;
};

class FactsConsumer : public clang::ASTConsumer {
 public:
  FactsConsumer(const LibraryModel& model, const std::string& root, facts::CppFacts& out, bool& ran)
      : model_(model), root_(root), out_(out), ran_(ran) {}
  void HandleTranslationUnit(clang::ASTContext& context) override {
    extract_facts(context, model_, root_, out_);
    ran_ = true;
  }

 private:
  const LibraryModel& model_;
  const std::string& root_;
  facts::CppFacts& out_;
  bool& ran_;
};

class FactsAction : public clang::ASTFrontendAction {
 public:
  FactsAction(const LibraryModel& model, const std::string& root, facts::CppFacts& out, bool& ran)
      : model_(model), root_(root), out_(out), ran_(ran) {}

  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance&, llvm::StringRef) override {
    return std::make_unique<FactsConsumer>(model_, root_, out_, ran_);
  }

  bool BeginSourceFileAction(clang::CompilerInstance& ci) override {
    // A missing header is a fatal error, after which Clang would stop parsing; as an ordinary error, parsing goes
    // on and the rest of the file is still analysed. Warnings are not needed.
    ci.getDiagnostics().setFatalsAsError(true);
    ci.getDiagnostics().setIgnoreAllWarnings(true);
    // No "N errors generated." on standard error: the front end does not print.
    ci.getDiagnosticOpts().ShowCarets = false;
    return true;
  }

 private:
  const LibraryModel& model_;
  const std::string& root_;
  facts::CppFacts& out_;
  bool& ran_;
};

// Removes the flags Clang's driver does not know (GCC-only options in a GCC build's database), which would
// otherwise make the whole command fail. Returns them.
std::vector<std::string> drop_unknown_flags(std::vector<std::string>& args) {
  if (args.size() < 2) return {};
  std::vector<const char*> argv;
  for (std::size_t i = 1; i < args.size(); ++i) argv.push_back(args[i].c_str());
  unsigned missing_index = 0, missing_count = 0;
  const llvm::opt::OptTable& table = clang::driver::getDriverOptTable();
  llvm::opt::InputArgList parsed = table.ParseArgs(
      argv, missing_index, missing_count, 0, clang::driver::options::NoDriverOption | clang::driver::options::CLOption);
  std::set<unsigned> drop;
  std::vector<std::string> dropped;
  for (const llvm::opt::Arg* a : parsed.filtered(clang::driver::options::OPT_UNKNOWN)) {
    drop.insert(a->getIndex() + 1);
    dropped.push_back(a->getAsString(parsed));
  }
  if (drop.empty()) return dropped;
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < args.size(); ++i)
    if (!drop.count(static_cast<unsigned>(i))) kept.push_back(std::move(args[i]));
  args = std::move(kept);
  return dropped;
}

struct UnitOutcome {
  std::optional<facts::CppFacts> facts;
  std::vector<Notice> notices;
};

UnitOutcome analyse_unit(const std::string& rel, const CompileCommand& command, const std::string& resource_dir,
                         const fs::path& cwd, const std::string& root, const LibraryModel& model) {
  UnitOutcome out;
  std::vector<std::string> args = analysis_arguments(command, resource_dir);
  std::vector<std::string> dropped = drop_unknown_flags(args);
  if (command.fallback)
    out.notices.push_back({rel,
                           "no compile command (no compile_commands.json or compile_flags.txt found); "
                           "analysed with default flags"});
  if (!dropped.empty()) {
    std::string list;
    for (const auto& d : dropped) list += (list.empty() ? "" : " ") + d;
    out.notices.push_back({rel, "ignored compiler flags Clang does not know: " + list});
  }

  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> vfs = llvm::vfs::createPhysicalFileSystem();
  vfs->setCurrentWorkingDirectory(command.directory);
  llvm::IntrusiveRefCntPtr<clang::FileManager> files(new clang::FileManager(clang::FileSystemOptions(), vfs));
  facts::CppFacts facts;
  facts.path = rel;
  bool ran = false;
  ErrorCollector errors(cwd);
  clang::tooling::ToolInvocation invocation(args, std::make_unique<FactsAction>(model, root, facts, ran), files.get());
  invocation.setDiagnosticConsumer(&errors);
  invocation.run();
  if (!ran) {
    out.notices.push_back(
        {rel, "could not be compiled" + (errors.first().empty() ? std::string() : ": " + errors.first())});
    return out;
  }
  if (errors.errors() > 0)
    out.notices.push_back({rel, std::to_string(errors.errors()) + " compile error" + (errors.errors() == 1 ? "" : "s") +
                                    " (first: " + errors.first() + "); analysed as far as Clang recovered"});
  out.facts = std::move(facts);
  return out;
}

}  // namespace

FrontEndResult analyse_translation_units(const std::vector<std::string>& paths, const FrontEndOptions& options,
                                         const LibraryModel& model) {
  FrontEndResult result;
  CompileDatabase database({options.cwd, options.build_dir, options.fixed_arguments});
  if (!database.error().empty()) {
    result.error = database.error();
    return result;
  }
  std::vector<std::string> units;
  std::vector<CompileCommand> commands;
  std::vector<std::string> outside;
  for (const auto& p : paths) {
    if (!is_translation_unit(p)) continue;
    CompileCommand command = database.command_for((options.cwd / p).lexically_normal());
    if (command.fallback && database.has_database() && !options.named.count(p)) {
      outside.push_back(p);
      continue;
    }
    units.push_back(p);
    commands.push_back(std::move(command));
  }
  result.notices.insert(result.notices.end(), database.problems().begin(), database.problems().end());
  if (!outside.empty())
    result.notices.push_back({outside.front(), std::to_string(outside.size()) + " C/C++ file" +
                                                   (outside.size() == 1 ? " is" : "s are") +
                                                   " in no compilation database (not part of this build): not "
                                                   "analysed; name a file to analyse it with default flags"});
  const std::string resource_dir = options.resource_dir.empty() ? default_resource_dir() : options.resource_dir;
  std::error_code ec;
  const std::string root =
      fs::weakly_canonical(options.project_root.empty() ? options.cwd : options.project_root, ec).string();

  std::vector<UnitOutcome> outcomes(units.size());
  std::atomic<std::size_t> next{0};
  std::size_t done = 0;
  std::mutex progress_mutex;
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < units.size();) {
      outcomes[i] = analyse_unit(units[i], commands[i], resource_dir, options.cwd, root, model);
      if (options.progress) {
        std::lock_guard<std::mutex> lock(progress_mutex);
        options.progress(++done, units.size(), units[i]);
      }
    }
  };
  unsigned n = std::max(1u, std::min<unsigned>(options.jobs, static_cast<unsigned>(units.size())));
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < n; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();

  for (auto& o : outcomes) {
    for (auto& n : o.notices) result.notices.push_back(std::move(n));
    if (o.facts) result.units.push_back(std::move(*o.facts));
  }
  return result;
}

}  // namespace connlint::cpp
