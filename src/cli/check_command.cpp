#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <iostream>
#include <map>
#include <memory>
#include <thread>

#include "cli/commands.h"
#include "core/atomic_write.h"
#include "core/discover.h"
#include "driver/analyze.h"
#include "report/report.h"

namespace connlint::cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* kCheckHelp =
    "Usage: connlint check [PATH...] [options]\n\n"
    "Analyses the TypeScript/JavaScript files under each PATH (default: .). Inside a git repository the\n"
    "tracked files plus untracked, non-ignored ones are checked; elsewhere node_modules, dist, build, .next,\n"
    "coverage and vendor are skipped.\n\n"
    "Options:\n"
    "  -f, --format FORMAT    text (default), gcc, json or sarif\n"
    "  -o, --output FILE      write the report to FILE (atomically) instead of standard output\n"
    "  -j, --jobs N           analyse with N threads (default: all cores)\n"
    "      --fail-on LEVEL    exit 1 for findings at or above LEVEL: note, warning (default), error, never\n"
    "      --max-file-size N  skip files larger than N bytes (suffixes K, M; default 10M)\n"
    "      --color WHEN       auto (default), always or never; NO_COLOR is honoured\n"
    "      --catalog FILE     add a library catalog (docs/catalogs.md), e.g. for an in-house client wrapper\n"
    "  -q, --quiet            print findings only: no summary, no notices\n"
    "  -h, --help             show this help\n";

struct CheckOptions {
  std::vector<std::string> paths;
  report::Format format = report::Format::Text;
  std::string output;
  unsigned jobs = 0;
  std::optional<Level> fail_on = Level::Warning;
  std::uint64_t max_file_bytes = 10ull << 20;
  std::string color = "auto";
  bool quiet = false;
  std::vector<std::string> catalogs;  // extra library catalogs (in-house client wrappers)
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
      if (v == "never") o.fail_on.reset();
      else if (auto l = parse_level(v)) o.fail_on = *l;
      else throw UsageError("--fail-on expects note, warning, error or never");
    } else if (arg == "--max-file-size") {
      auto n = parse_size(need());
      if (!n) throw UsageError("--max-file-size expects a size such as 500K or 10M");
      o.max_file_bytes = *n;
    } else if (arg == "--color" || arg == "--colour") {
      o.color = need();
      if (o.color != "auto" && o.color != "always" && o.color != "never")
        throw UsageError("--color expects auto, always or never");
    } else if (arg == "--no-color") {
      o.color = "never";
    } else if (arg == "--catalog") {
      o.catalogs.push_back(need());
    } else if (arg == "-q" || arg == "--quiet") {
      o.quiet = true;
    } else if (arg == "--") {
      for (++i; i < args.size(); ++i) o.paths.push_back(args[i]);
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

  AnalysisOptions analysis;
  analysis.cwd = fs::current_path();
  analysis.paths = options.paths;
  analysis.jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  analysis.max_file_bytes = options.max_file_bytes;
  Catalog catalog = Catalog::builtin();
  for (const auto& path : options.catalogs) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cerr << "connlint: cannot read catalog " << path << "\n";
      return kExitError;
    }
    std::stringstream text;
    text << in.rdbuf();
    try {
      catalog.add(path, text.str());
    } catch (const std::exception& e) {
      std::cerr << "connlint: invalid catalog " << e.what() << "\n";
      return kExitError;
    }
  }
  AnalysisResult result = analyze(analysis, catalog);

  std::map<std::string, std::unique_ptr<SourceText>> sources;
  auto source = [&](const std::string& path) -> const SourceText* {
    auto it = sources.find(path);
    if (it == sources.end()) {
      ReadResult read = read_source_file((analysis.cwd / path).string(), ~0ull);
      it = sources.emplace(path, read.text ? std::make_unique<SourceText>(std::move(*read.text)) : nullptr).first;
    }
    return it->second.get();
  };
  bool to_terminal = options.output.empty() && ::isatty(STDOUT_FILENO);
  bool color = options.format == report::Format::Text &&
               (options.color == "always" || (options.color == "auto" && to_terminal && !std::getenv("NO_COLOR")));
  report::ReportInput input{result, source, trimmed_output({"git", "rev-parse", "--show-prefix"}, analysis.cwd),
                            color};
  std::string rendered = report::render(options.format, input);
  if (options.quiet && options.format == report::Format::Text) {
    // Findings only: drop the closing summary line.
    auto last = rendered.rfind('\n', rendered.size() >= 2 ? rendered.size() - 2 : 0);
    rendered = result.findings.empty() ? std::string() : rendered.substr(0, last == std::string::npos ? 0 : last + 1);
  }

  if (!options.quiet)
    for (const auto& n : result.notices) std::cerr << "connlint: notice: " << n.path << ": " << n.message << "\n";

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

  if (options.fail_on)
    for (const auto& f : result.findings)
      if (f.level >= *options.fail_on) return kExitFindings;
  return kExitClean;
}

}  // namespace connlint::cli
