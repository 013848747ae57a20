// connlint_parse_floor: the least work any tree-sitter based TS/JS linter has to do on a folder, timed.
//
// It selects the files connlint would check (same extensions, same skipped folders, same 10 MiB size limit),
// reads each one, parses it with the grammar connlint would use, walks the whole tree once with a TSTreeCursor and
// frees the tree. Nothing else: no facts, no rules, no report. bench/run_peers.sh times connlint and the other
// linters against it, so "2x the floor" means "twice the cost of just parsing the code".
//
//   connlint_parse_floor DIR [-j N]     N threads (default 1; 0 = all cores, as connlint's default)
//
// Prints one line: files, lines, bytes, nodes, files with syntax errors, threads and seconds (wall time measured
// inside the program, from the start of the folder walk to the last tree freed).
#include <connlint/grammars.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/discover.h"  // kDefaultExcludedDirs: the folders connlint skips outside git

namespace fs = std::filesystem;

namespace {

// connlint's default --max-file-size (10M).
constexpr std::uintmax_t kMaxFileBytes = 10u * 1024u * 1024u;

// The grammar connlint uses for a file, by extension (mirrors src/ts/language.cpp); null when not TS/JS.
const TSLanguage* language_for(std::string_view path) {
  auto slash = path.find_last_of('/');
  auto dot = path.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return nullptr;
  auto ext = path.substr(dot);
  if (ext == ".ts" || ext == ".mts" || ext == ".cts") return tree_sitter_typescript();
  if (ext == ".tsx") return tree_sitter_tsx();
  if (ext == ".js" || ext == ".jsx" || ext == ".mjs" || ext == ".cjs") return tree_sitter_javascript();
  return nullptr;
}

bool excluded_dir(const std::string& name) {
  return std::find(std::begin(connlint::kDefaultExcludedDirs), std::end(connlint::kDefaultExcludedDirs), name) !=
         std::end(connlint::kDefaultExcludedDirs);
}

// The TS/JS files under `root`, sorted (the same walk as connlint's outside a git work tree).
std::vector<std::string> find_sources(const fs::path& root) {
  std::vector<std::string> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const auto& entry = *it;
    if (entry.is_directory(ec) && !entry.is_symlink(ec)) {
      if (excluded_dir(entry.path().filename().string())) it.disable_recursion_pending();
      continue;
    }
    std::string path = entry.path().string();
    if (language_for(path) && entry.is_regular_file(ec) && entry.file_size(ec) <= kMaxFileBytes)
      files.push_back(std::move(path));
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool read_file(const std::string& path, std::string& out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return false;
  }
  out.resize(static_cast<std::size_t>(st.st_size));
  std::size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::read(fd, out.data() + done, out.size() - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  out.resize(done);
  return true;
}

// Visits every node once, depth first; the count keeps the walk from being optimised away and is printed.
std::uint64_t count_nodes(TSTree* tree) {
  TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree));
  std::uint64_t nodes = 1;
  for (;;) {
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      ++nodes;
      continue;
    }
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        ts_tree_cursor_delete(&cursor);
        return nodes;
      }
    }
    ++nodes;
  }
}

struct Totals {
  std::uint64_t files = 0, lines = 0, bytes = 0, nodes = 0, with_errors = 0, unreadable = 0;

  void add(const Totals& o) {
    files += o.files;
    lines += o.lines;
    bytes += o.bytes;
    nodes += o.nodes;
    with_errors += o.with_errors;
    unreadable += o.unreadable;
  }
};

// One worker: takes the next file index until none is left. One parser per thread, reused across files.
Totals parse_files(const std::vector<std::string>& files, std::atomic<std::size_t>& next) {
  Totals t;
  TSParser* parser = ts_parser_new();
  std::string text;
  for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < files.size();) {
    if (!read_file(files[i], text)) {
      ++t.unreadable;
      continue;
    }
    ts_parser_set_language(parser, language_for(files[i]));
    TSTree* tree = ts_parser_parse_string(parser, nullptr, text.data(), static_cast<std::uint32_t>(text.size()));
    ++t.files;
    t.bytes += text.size();
    t.lines += static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n'));
    if (!tree) continue;  // only on cancellation or timeout, neither of which is set
    t.nodes += count_nodes(tree);
    if (ts_node_has_error(ts_tree_root_node(tree))) ++t.with_errors;
    ts_tree_delete(tree);
  }
  ts_parser_delete(parser);
  return t;
}

int usage() {
  std::fprintf(stderr,
               "usage: connlint_parse_floor DIR [-j N]\n"
               "  reads, parses and walks every TS/JS file connlint would check under DIR, nothing else\n"
               "  -j N  threads (default 1; 0 = all cores, like connlint's default)\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  long jobs = 1;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if ((arg == "-j" || arg == "--jobs") && i + 1 < argc) {
      char* end = nullptr;
      jobs = std::strtol(argv[++i], &end, 10);
      if (*end != '\0' || jobs < 0) return usage();
    } else if (arg.rfind("-j", 0) == 0 && arg.size() > 2) {
      char* end = nullptr;
      jobs = std::strtol(argv[i] + 2, &end, 10);
      if (*end != '\0' || jobs < 0) return usage();
    } else if (arg == "-h" || arg == "--help" || !dir.empty() || arg.empty() || arg[0] == '-') {
      return usage();
    } else {
      dir = arg;
    }
  }
  if (dir.empty()) return usage();
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());

  auto start = std::chrono::steady_clock::now();
  std::vector<std::string> files = find_sources(dir);
  std::atomic<std::size_t> next{0};
  Totals total;
  if (jobs == 1) {
    total = parse_files(files, next);
  } else {
    std::vector<Totals> parts(static_cast<std::size_t>(jobs));
    std::vector<std::thread> threads;
    for (auto& part : parts) threads.emplace_back([&files, &next, &part] { part = parse_files(files, next); });
    for (auto& t : threads) t.join();
    for (const auto& part : parts) total.add(part);
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::printf(
      "files %llu lines %llu bytes %llu nodes %llu syntax_error_files %llu unreadable %llu threads %ld "
      "seconds %.3f\n",
      static_cast<unsigned long long>(total.files), static_cast<unsigned long long>(total.lines),
      static_cast<unsigned long long>(total.bytes), static_cast<unsigned long long>(total.nodes),
      static_cast<unsigned long long>(total.with_errors), static_cast<unsigned long long>(total.unreadable), jobs,
      seconds);
  return total.files == 0 && !files.empty() ? 1 : 0;
}
