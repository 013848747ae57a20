#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <iostream>
#include <map>
#include <set>
#include <memory>
#include <thread>

#include "cli/commands.h"
#include "core/phase_timer.h"
#include "core/atomic_write.h"
#include "core/phase_timer.h"
#include "core/discover.h"
#include "core/phase_timer.h"
#include "core/baseline.h"
#include "core/phase_timer.h"
#include "core/config.h"
#include "core/phase_timer.h"
#include "core/source_cache.h"
#include "driver/analyze.h"
#include "driver/facts_cache.h"
#include "driver/filters.h"
#include "report/report.h"

namespace connlint::cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* kCheckHelp =
    "Usage: connlint check [PATH...] [options] [-- COMPILER-ARGS...]\n\n"
    "Analyses the TypeScript/JavaScript and C/C++ files under each PATH (default: .). Inside a git repository\n"
    "the tracked files plus untracked, non-ignored ones are checked; elsewhere node_modules, dist, build, .next,\n"
    "coverage and vendor are skipped. C/C++ translation units are compiled with Clang using their command from\n"
    "compile_commands.json (-p DIR; else found in ., build/, or beside the file, as is compile_flags.txt), or\n"
    "with the compiler arguments after `--`.\n\n"
    "Options:\n"
    "  -f, --format FORMAT    text (default), gcc, json or sarif\n"
    "  -o, --output FILE      write the report to FILE (atomically) instead of standard output\n"
    "  -j, --jobs N           analyse with N threads (default: all cores)\n"
    "      --fail-on LEVEL    exit 1 for findings at or above LEVEL: note, warning (default), error, never\n"
    "      --max-file-size N  skip files larger than N bytes (suffixes K, M; default 10M)\n"
    "      --file-timeout S   skip a TS/JS file whose parsing and analysis take over S seconds (default 10; 0: none)\n"
    "      --color WHEN       auto (default), always or never; NO_COLOR is honoured\n"
    "      --catalog FILE     add a library catalog (docs/catalogs.md), e.g. for an in-house client wrapper\n"
    "      --config FILE      use this configuration instead of the nearest .connlint.json (--no-config: none)\n"
    "      --baseline FILE    report only findings that are not in FILE (written by `connlint baseline`)\n"
    "      --include-suppressed  keep suppressed and baselined findings (JSON; SARIF marks them suppressed)\n"
    "      --report-unused-ignores  report suppression comments that no longer suppress anything (exit 1)\n"
    "      --stdin-filename PATH  read the file's content from standard input and report it as PATH\n"
    "      --staged           check the staged content (git index) of the staged files: for pre-commit hooks\n"
    "      --no-cache         do not read or write the facts cache (.connlint-cache/ at the project root)\n"
    "      --cache-dir DIR    keep the facts cache in DIR\n"
    "      --shard K/N        with --facts-out: parse the K-th of N deterministic shares of the files and write\n"
    "                         their facts to FILE instead of a report; `connlint merge` reports on all shards\n"
    "      --facts-out FILE   where --shard writes the facts\n"
    "      --parse-all        parse every TS/JS file, also those the import pre-pass shows cannot reach a\n"
    "                         database library (slower; the findings are the same)\n"
    "  -p DIR                 C/C++: the build directory holding compile_commands.json (or compile_flags.txt)\n"
    "      --resource-dir DIR C/C++: Clang's resource directory (builtin headers), if not the built-in one\n"
    "  -q, --quiet            print findings only: no summary, no notices\n"
    "  -h, --help             show this help\n\n"
    "Environment:\n"
    "  NO_COLOR               no colour in text output (with --color auto)\n"
    "  CONNLINT_TIMING=1      print each phase's time, heap in use and resident memory to standard error\n"
    "  CONNLINT_CLANG_MODULE=FILE\n"
    "                         C/C++: load the Clang front end from FILE instead of libconnlint-clang.so beside\n"
    "                         the binary or in ../lib/connlint/ (without one, C/C++ files are not analysed)\n";

struct CheckOptions {
  std::vector<std::string> paths;
  report::Format format = report::Format::Text;
  std::string output;
  unsigned jobs = 0;
  std::optional<Level> fail_on = Level::Warning;
  std::string color = "auto";
  bool quiet = false;
  std::vector<std::string> catalogs;  // extra library catalogs (in-house client wrappers)
  bool fail_on_set = false;           // --fail-on given (else the configuration's fail_on, else warning)
  std::optional<std::uint64_t> max_file_size;
  std::optional<double> file_timeout;  // seconds
  std::string config;                 // --config FILE
  bool no_config = false;
  std::string baseline;               // --baseline FILE
  bool include_suppressed = false;
  bool report_unused_ignores = false;
  std::string stdin_filename;
  bool no_cache = false;
  std::string cache_dir;
  bool parse_all = false;
  std::optional<ShardSpec> shard;
  std::string facts_out;
  bool staged = false;
  CppAnalysisOptions cpp;  // -p DIR, --resource-dir, `-- COMPILER-ARGS`
};

class UsageError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::optional<std::uint64_t> parse_size(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::size_t used = 0;
  unsigned long long n;
  try {
    n = std::stoull(text, &used);
  } catch (...) {
    return std::nullopt;
  }
  std::string suffix = text.substr(used);
  if (suffix == "K" || suffix == "k") n <<= 10;
  else if (suffix == "M" || suffix == "m") n <<= 20;
  else if (suffix == "G" || suffix == "g") n <<= 30;
  else if (!suffix.empty()) return std::nullopt;
  return n;
}

CheckOptions parse(const std::vector<std::string>& args, bool& help) {
  CheckOptions o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    std::string value;
    bool has_inline = false;
    if (arg.rfind("--", 0) == 0 && arg.find('=') != std::string::npos) {
      value = arg.substr(arg.find('=') + 1);
      arg = arg.substr(0, arg.find('='));
      has_inline = true;
    }
    auto need = [&]() -> std::string {
      if (has_inline) return value;
      if (i + 1 >= args.size()) throw UsageError("option " + arg + " needs a value");
      return args[++i];
    };
    if (arg == "-h" || arg == "--help") {
      help = true;
    } else if (arg == "-f" || arg == "--format") {
      std::string f = need();
      if (f == "text") o.format = report::Format::Text;
      else if (f == "gcc") o.format = report::Format::Gcc;
      else if (f == "json") o.format = report::Format::Json;
      else if (f == "sarif") o.format = report::Format::Sarif;
      else throw UsageError("unknown format '" + f + "' (expected text, gcc, json or sarif)");
    } else if (arg == "-o" || arg == "--output") {
      o.output = need();
    } else if (arg == "-j" || arg == "--jobs") {
      std::string v = need();
      char* end = nullptr;
      long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end || n < 1 || n > 1024) throw UsageError("--jobs needs a number from 1 to 1024");
      o.jobs = static_cast<unsigned>(n);
    } else if (arg.rfind("-j", 0) == 0 && arg.size() > 2) {
      char* end = nullptr;
      long n = std::strtol(arg.c_str() + 2, &end, 10);
      if (*end || n < 1 || n > 1024) throw UsageError("-j needs a number from 1 to 1024");
      o.jobs = static_cast<unsigned>(n);
    } else if (arg == "--fail-on") {
      std::string v = need();
      o.fail_on_set = true;
      if (v == "never") o.fail_on.reset();
      else if (auto l = parse_level(v)) o.fail_on = *l;
      else throw UsageError("--fail-on expects note, warning, error or never");
    } else if (arg == "--max-file-size") {
      auto n = parse_size(need());
      if (!n) throw UsageError("--max-file-size expects a size such as 500K or 10M");
      o.max_file_size = *n;
    } else if (arg == "--file-timeout") {
      std::string v = need();
      char* end = nullptr;
      double seconds = std::strtod(v.c_str(), &end);
      if (v.empty() || *end || !(seconds >= 0 && seconds <= 86400))
        throw UsageError("--file-timeout expects a number of seconds from 0 (no limit) to 86400");
      o.file_timeout = seconds;
    } else if (arg == "--color" || arg == "--colour") {
      o.color = need();
      if (o.color != "auto" && o.color != "always" && o.color != "never")
        throw UsageError("--color expects auto, always or never");
    } else if (arg == "--no-color") {
      o.color = "never";
    } else if (arg == "--config") {
      o.config = need();
    } else if (arg == "--no-config") {
      o.no_config = true;
    } else if (arg == "--baseline") {
      o.baseline = need();
    } else if (arg == "--include-suppressed") {
      o.include_suppressed = true;
    } else if (arg == "--report-unused-ignores") {
      o.report_unused_ignores = true;
    } else if (arg == "--stdin-filename") {
      o.stdin_filename = need();
    } else if (arg == "--no-cache") {
      o.no_cache = true;
    } else if (arg == "--cache-dir") {
      o.cache_dir = need();
    } else if (arg == "--shard") {
      std::string value = need();
      o.shard = parse_shard(value);
      if (!o.shard) throw UsageError("--shard wants K/N with 1 <= K <= N, not `" + value + "`");
    } else if (arg == "--facts-out") {
      o.facts_out = need();
    } else if (arg == "--parse-all") {
      o.parse_all = true;
    } else if (arg == "--staged") {
      o.staged = true;
    } else if (arg == "--catalog") {
      o.catalogs.push_back(need());
    } else if (arg == "-q" || arg == "--quiet") {
      o.quiet = true;
    } else if (arg == "-p" || arg == "--build-path") {
      o.cpp.build_dir = need();
    } else if (arg == "--resource-dir") {
      o.cpp.resource_dir = need();
    } else if (arg == "--") {
      // Like clang-tidy: what follows is the compiler command line for C/C++ files (no database needed).
      o.cpp.fixed_arguments.emplace();
      for (++i; i < args.size(); ++i) o.cpp.fixed_arguments->push_back(args[i]);
    } else if (!arg.empty() && arg[0] == '-' && arg != "-") {
      throw UsageError("unknown option '" + arg + "'");
    } else {
      o.paths.push_back(arg);
    }
  }
  if (o.paths.empty()) o.paths.push_back(".");
  return o;
}

std::string trimmed_output(const std::vector<std::string>& argv, const fs::path& cwd) {
  int status;
  std::string out = run_capture(argv, cwd, &status);
  if (status != 0) return {};
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

// Everything `check` and `baseline` share: configuration, catalogs, analysis, filters.
struct Session {
  AnalysisOptions analysis;
  Config config;
  Catalog catalog = Catalog::builtin();
  std::optional<Baseline> baseline;
  AnalysisResult result;
  FilterOutcome filtered;
};

// Returns an exit code on failure (a message has been printed), nullopt on success.
std::optional<int> run_session(const CheckOptions& options, Session& s, bool use_baseline) {
  s.analysis.cwd = fs::current_path();
  s.analysis.paths = options.paths;
  s.analysis.jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  try {
    std::optional<fs::path> config_file;
    if (!options.config.empty()) {
      config_file = options.config;
    } else if (!options.no_config) {
      // Like eslint and ruff: the nearest .connlint.json from the first path (or the stdin file) upwards.
      fs::path start = options.stdin_filename.empty() ? fs::path(options.paths.front()) : fs::path(options.stdin_filename);
      fs::path top = trimmed_output({"git", "rev-parse", "--show-toplevel"}, s.analysis.cwd);
      config_file = find_config(s.analysis.cwd / start, top.empty() ? s.analysis.cwd.root_path() : top);
    }
    if (config_file) s.config = load_config(*config_file);
    if (use_baseline && !options.baseline.empty()) s.baseline = Baseline::load(options.baseline);
  } catch (const ConfigError& e) {
    std::cerr << "connlint: " << e.describe() << "\n";
    return kExitError;
  }
  s.analysis.config = &s.config;
  s.analysis.max_file_bytes = options.max_file_size ? *options.max_file_size
                                                     : s.config.max_file_size.value_or(10ull << 20);
  double timeout = options.file_timeout ? *options.file_timeout : s.config.file_timeout_seconds.value_or(10);
  s.analysis.file_budget = std::chrono::microseconds(static_cast<std::int64_t>(timeout * 1e6));
  std::vector<std::string> catalogs = options.catalogs;
  for (const auto& c : s.config.catalogs) catalogs.push_back(c.string());
  for (const auto& path : catalogs) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cerr << "connlint: cannot read catalog " << path << "\n";
      return kExitError;
    }
    std::stringstream text;
    text << in.rdbuf();
    try {
      s.catalog.add(path, text.str());
    } catch (const std::exception& e) {
      std::cerr << "connlint: invalid catalog " << e.what() << "\n";
      return kExitError;
    }
  }
  if (!options.stdin_filename.empty()) {
    // An editor's unsaved buffer: analyse it as that path, with the rest of the project from disk.
    std::stringstream buffer;
    buffer << std::cin.rdbuf();
    std::string rel = fs::path(options.stdin_filename).is_absolute()
                          ? fs::path(options.stdin_filename).lexically_relative(s.analysis.cwd).generic_string()
                          : fs::path(options.stdin_filename).lexically_normal().generic_string();
    s.analysis.overrides[rel] = buffer.str();
    s.analysis.paths = {rel};
  }
  if (options.staged) {
    // A pre-commit hook checks what is about to be committed: the staged files, as staged.
    int status;
    std::string listing = run_capture({"git", "diff", "--cached", "--name-only", "--diff-filter=ACM", "-z"},
                                      s.analysis.cwd, &status);
    if (status != 0) {
      std::cerr << "connlint: --staged needs a git repository\n";
      return kExitError;
    }
    fs::path top = trimmed_output({"git", "rev-parse", "--show-toplevel"}, s.analysis.cwd);
    s.analysis.paths.clear();
    for (std::size_t start = 0; start < listing.size();) {
      std::size_t end = listing.find('\0', start);
      if (end == std::string::npos) end = listing.size();
      std::string from_top = listing.substr(start, end - start);
      start = end + 1;
      std::string rel = (top / from_top).lexically_relative(s.analysis.cwd).generic_string();
      if (!is_supported_source(rel) || s.config.ignored(s.analysis.cwd, rel)) continue;
      s.analysis.overrides[rel] = run_capture({"git", "show", ":" + from_top}, top, &status);
      s.analysis.paths.push_back(rel);
    }
    if (s.analysis.paths.empty()) return kExitClean;  // nothing staged that connlint reads
  }
  // Checking single files (a hook, an editor) reads the rest of their package as context.
  for (const auto& p : s.analysis.paths) {
    std::error_code ec;
    if (!fs::is_directory(s.analysis.cwd / p, ec)) s.analysis.project_context = true;
  }
  if (!options.no_cache) {
    fs::path top = trimmed_output({"git", "rev-parse", "--show-toplevel"}, s.analysis.cwd);
    s.analysis.cache_dir = !options.cache_dir.empty() ? fs::path(options.cache_dir)
                                                      : (top.empty() ? s.analysis.cwd : top) / kCacheDirName;
  }
  s.analysis.cpp = options.cpp;
  s.analysis.prefilter = !options.parse_all;
  s.analysis.shard = options.shard;
  if (std::string error = cpp_options_error(options.cpp, s.analysis.cwd); !error.empty()) {
    std::cerr << "connlint: " << error << "\n";
    return kExitError;
  }
  // C/C++ units take a while each: show which one is running, on a terminal only.
  bool progress_shown = false;
  if (!options.quiet && ::isatty(STDERR_FILENO))
    s.analysis.cpp.progress = [&progress_shown](std::size_t done, std::size_t total, const std::string& path) {
      std::cerr << "\r\033[K[" << done << "/" << total << "] " << path << std::flush;
      progress_shown = true;
    };
  s.result = analyze(s.analysis, s.catalog);
  if (progress_shown) std::cerr << "\r\033[K" << std::flush;
  return std::nullopt;
}

int report_findings(const CheckOptions& options, Session& s);
int write_facts(const CheckOptions& options, Session& s);

}  // namespace

int run_check(const std::vector<std::string>& args) {
  bool help = false;
  CheckOptions options;
  try {
    options = parse(args, help);
  } catch (const UsageError& e) {
    std::cerr << "connlint check: " << e.what() << "\nRun `connlint check --help` for the options.\n";
    return kExitError;
  }
  if (help) {
    std::cout << kCheckHelp;
    return kExitClean;
  }
  if (options.shard.has_value() != !options.facts_out.empty()) {
    std::cerr << "connlint check: --shard and --facts-out go together\n";
    return kExitError;
  }
  Session s;
  if (auto failed = run_session(options, s, true)) return *failed;
  if (options.shard) return write_facts(options, s);
  return report_findings(options, s);
}

namespace {

int report_findings(const CheckOptions& options, Session& s) {
  PhaseTimer timer;
  SourceCache sources(s.analysis.cwd);
  for (const auto& [path, content] : s.analysis.overrides) sources.set(path, content);
  s.filtered = apply_filters(s.result, s.config, s.baseline ? &*s.baseline : nullptr, sources, s.analysis.cwd,
                             options.report_unused_ignores);
  // Suppressed and baselined findings are left out unless asked for (SARIF then marks them).
  if (!options.include_suppressed)
    std::erase_if(s.result.findings, [](const Finding& f) { return f.suppressed != Suppressed::No; });

  bool to_terminal = options.output.empty() && ::isatty(STDOUT_FILENO);
  bool color = options.format == report::Format::Text &&
               (options.color == "always" || (options.color == "auto" && to_terminal && !std::getenv("NO_COLOR")));
  report::ReportInput input{s.result,
                            [&](const std::string& path) { return sources.get(path); },
                            trimmed_output({"git", "rev-parse", "--show-prefix"}, s.analysis.cwd),
                            color,
                            s.filtered.unused_suppressions};
  timer.done("suppressions, baseline");
  std::string rendered = report::render(options.format, input);
  timer.done("render the report");
  if (options.quiet && options.format == report::Format::Text) {
    // Findings only: drop the closing summary line.
    auto last = rendered.rfind('\n', rendered.size() >= 2 ? rendered.size() - 2 : 0);
    rendered = count_active(s.result.findings) == 0 && s.filtered.unused_suppressions.empty()
                   ? std::string()
                   : rendered.substr(0, last == std::string::npos ? 0 : last + 1);
  }

  if (!options.quiet)
    for (const auto& n : s.result.notices) std::cerr << "connlint: notice: " << n.path << ": " << n.message << "\n";

  if (options.output.empty()) {
    std::cout << rendered << std::flush;
    if (!std::cout) {
      std::cerr << "connlint: cannot write the report to standard output\n";
      return kExitError;
    }
  } else if (std::string error = write_file_atomically(options.output, rendered); !error.empty()) {
    std::cerr << "connlint: " << error << " (any previous report is left as it was)\n";
    return kExitError;
  }

  timer.done("write the report");
  std::optional<Level> fail_on = Level::Warning;
  if (options.fail_on_set) fail_on = options.fail_on;
  else if (s.config.fail_never) fail_on.reset();
  else if (s.config.fail_on) fail_on = s.config.fail_on;
  if (fail_on)
    for (const auto& f : s.result.findings)
      if (f.suppressed == Suppressed::No && f.level >= *fail_on) return kExitFindings;
  if (!s.filtered.unused_suppressions.empty()) return kExitFindings;
  return kExitClean;
}

// `check --shard K/N --facts-out FILE`: this shard's facts, for `connlint merge`.
int write_facts(const CheckOptions& options, Session& s) {
  if (std::string error = write_file_atomically(options.facts_out, encode_shard_file(s.result.shard)); !error.empty()) {
    std::cerr << "connlint: " << error << "\n";
    return kExitError;
  }
  if (!options.quiet) {
    for (const auto& n : s.result.notices) std::cerr << "connlint: notice: " << n.path << ": " << n.message << "\n";
    std::cerr << "connlint: shard " << options.shard->index + 1 << "/" << options.shard->count << ": wrote the facts of "
              << s.result.shard.files.size() << " files to " << options.facts_out << "\n";
  }
  return kExitClean;
}

}  // namespace

// `connlint merge FACTS...`: the report of a sharded check, exactly as one run over everything would give it.
int run_merge(const std::vector<std::string>& args) {
  bool help = false;
  CheckOptions options;
  try {
    options = parse(args, help);
  } catch (const UsageError& e) {
    std::cerr << "connlint merge: " << e.what() << "\nRun `connlint merge --help` for the options.\n";
    return kExitError;
  }
  if (help || options.paths.empty() || (options.paths.size() == 1 && options.paths[0] == ".")) {
    std::cout << "Usage: connlint merge FACTS-FILE... [check options]\n\n"
                 "Reports on a check split with `connlint check --shard K/N --facts-out FILE` (one file per shard,\n"
                 "all N of them), as a single `connlint check` of the same paths would: run it in a checkout of the\n"
                 "same commit. Output options (--format, --output, --baseline, --fail-on, ...) are those of check.\n";
    return help ? kExitClean : kExitError;
  }
  PrecomputedFacts precomputed;
  std::optional<ShardFile> first;
  std::set<unsigned> seen;
  for (const auto& file : options.paths) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    if (!in) {
      std::cerr << "connlint merge: cannot read " << file << "\n";
      return kExitError;
    }
    ShardFile shard;
    try {
      shard = decode_shard_file(bytes.str());
    } catch (const std::exception& e) {
      std::cerr << "connlint merge: " << file << ": " << e.what() << "\n";
      return kExitError;
    }
    if (first && (shard.shard.count != first->shard.count || shard.paths != first->paths)) {
      std::cerr << "connlint merge: " << file << " belongs to another split (other paths or shard count)\n";
      return kExitError;
    }
    if (!seen.insert(shard.shard.index).second) {
      std::cerr << "connlint merge: shard " << shard.shard.index + 1 << " given twice (" << file << ")\n";
      return kExitError;
    }
    if (!first) first = ShardFile{shard.shard, shard.paths, {}, {}};
    precomputed.add(std::move(shard));
  }
  if (seen.size() != first->shard.count) {
    std::cerr << "connlint merge: " << seen.size() << " of " << first->shard.count << " shards given\n";
    return kExitError;
  }
  options.paths = first->paths;
  Session s;
  s.analysis.precomputed = &precomputed;
  if (auto failed = run_session(options, s, true)) return *failed;
  return report_findings(options, s);
}

// `connlint baseline`: accept today's findings; `check --baseline FILE` then reports only new ones.
int run_baseline(const std::vector<std::string>& args) {
  bool help = false;
  CheckOptions options;
  try {
    options = parse(args, help);
  } catch (const UsageError& e) {
    std::cerr << "connlint baseline: " << e.what() << "\n";
    return kExitError;
  }
  if (help) {
    std::cout << "Usage: connlint baseline [PATH...] [--output FILE] [check options]\n\n"
                 "Writes the current findings (default file: .connlint-baseline.json) so that\n"
                 "`connlint check --baseline .connlint-baseline.json` reports only new ones. Entries are keyed by\n"
                 "rule, file, enclosing function and the normalised code, not by line numbers.\n";
    return kExitClean;
  }
  Session s;
  if (auto failed = run_session(options, s, false)) return *failed;
  SourceCache sources(s.analysis.cwd);
  apply_filters(s.result, s.config, nullptr, sources, s.analysis.cwd, false);
  std::map<BaselineKey, std::size_t> counts;
  for (const auto& f : s.result.findings)
    if (f.suppressed == Suppressed::No) ++counts[baseline_key(f, sources.get(f.location.path))];
  std::vector<std::pair<BaselineKey, std::size_t>> entries(counts.begin(), counts.end());
  std::string file = options.output.empty() ? ".connlint-baseline.json" : options.output;
  if (std::string error = write_file_atomically(file, Baseline::render(entries)); !error.empty()) {
    std::cerr << "connlint: " << error << "\n";
    return kExitError;
  }
  std::cerr << "connlint: wrote " << file << " with " << count_active(s.result.findings) << " finding"
            << (count_active(s.result.findings) == 1 ? "" : "s") << "\n";
  return kExitClean;
}

// `connlint init`: a starter .connlint.json.
int run_init(const std::vector<std::string>& args) {
  bool force = false;
  for (const auto& a : args) {
    if (a == "--force") force = true;
    else {
      std::cerr << "Usage: connlint init [--force]\nWrites a starter .connlint.json in the current directory.\n";
      return a == "--help" || a == "-h" ? kExitClean : kExitError;
    }
  }
  if (fs::exists(kConfigFileName) && !force) {
    std::cerr << "connlint: " << kConfigFileName << " already exists (use --force to overwrite)\n";
    return kExitError;
  }
  if (std::string error = write_file_atomically(kConfigFileName, starter_config()); !error.empty()) {
    std::cerr << "connlint: " << error << "\n";
    return kExitError;
  }
  std::cout << "wrote " << kConfigFileName << "\n";
  return kExitClean;
}

}  // namespace connlint::cli
