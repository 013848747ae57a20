#include "driver/analyze.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <atomic>
#include <map>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <set>
#include <thread>

#include "config/config_file.h"
#include "core/discover.h"
#include "core/rule_meta.h"
#include "core/source_file.h"
#include "core/phase_timer.h"
#include "core/threads.h"
#include "driver/facts_cache.h"
#include "driver/file_roles.h"
#include "driver/prefilter.h"
#include "facts/serialize.h"
#include "index/module_resolver.h"
#include "index/project_index.h"
#include "index/summaries.h"
#include "rules/pool_config_util.h"
#include "rules/rule.h"
#include "ts/extractor.h"

namespace connlint {

namespace fs = std::filesystem;

namespace {

// Files read only to follow imports out of the checked paths; a bound keeps a stray import from pulling in a
// whole monorepo.
constexpr std::size_t kMaxContextFiles = 20000;

struct Extracted {
  std::optional<facts::FileFacts> facts;
  std::vector<Notice> notices;
  std::optional<ShardFile::Entry> shard_entry;  // --facts-out: the facts as written for `merge`
  bool from_cache = false;  // read from the facts cache or a shard's facts rather than parsed
};

// Where facts come from besides parsing, and where they go.
struct FactSources {
  const FactsCache* cache = nullptr;
  const PrecomputedFacts* precomputed = nullptr;
  bool collect = false;  // keep a serialized copy for --facts-out
  std::chrono::microseconds budget{0};  // per-file time budget (0: none)
};

Extracted extract_one(const fs::path& cwd, const std::string& rel, std::uint64_t max_bytes,
                      const std::map<std::string, std::string>& overrides, const FactSources& sources) {
  Extracted out;
  RawFile raw;
  auto override_content = overrides.find(rel);
  if (override_content != overrides.end()) raw.content = override_content->second;
  else raw = read_file_bytes((cwd / rel).string(), max_bytes);
  if (!raw.content) {
    out.notices.push_back({rel, raw.skip_reason});
    return out;
  }
  // A cache hit needs only the bytes; the line index and UTF-8 check are for files that are parsed.
  const FactsCache* cache = sources.cache;
  if (sources.precomputed) out.facts = sources.precomputed->get(rel, *raw.content);
  std::optional<FactsCache::Key> key;
  if (!out.facts && cache) {
    key = cache->key(rel, *raw.content);
    out.facts = cache->get(*key, rel);
  }
  std::optional<std::uint64_t> hash;
  if (sources.collect) hash = content_hash(*raw.content);
  out.from_cache = out.facts.has_value();
  if (!out.facts) {
    SourceText text(std::move(*raw.content));
    ts::BudgetedFacts extracted = ts::extract_facts_within(rel, text, sources.budget);
    if (!extracted.facts) {  // over budget: skipped like an unreadable file, and not cached
      out.notices.push_back({rel, extracted.skip_reason});
      return out;
    }
    out.facts = std::move(extracted.facts);
    if (!text.valid_utf8())
      out.facts->notices.insert(out.facts->notices.begin(),
                                {rel, "not valid UTF-8; analysed as far as the parser could read it"});
    // An editor's unsaved buffer changes with every keystroke: its facts are not worth keeping.
    if (key && override_content == overrides.end()) cache->put(*key, rel, *out.facts);
  }
  if (sources.collect) out.shard_entry = ShardFile::Entry{rel, *hash, facts::serialize(*out.facts)};
  for (auto& n : out.facts->notices) out.notices.push_back(std::move(n));
  out.facts->notices.clear();
  return out;
}

// Extracts facts for every path, on `jobs` threads; results keep the order of `paths`.
std::vector<Extracted> extract_all(const fs::path& cwd, const std::vector<std::string>& paths, unsigned jobs,
                                   std::uint64_t max_bytes, const std::map<std::string, std::string>& overrides,
                                   const FactSources& sources) {
  std::vector<Extracted> results(paths.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < paths.size();)
      results[i] = extract_one(cwd, paths[i], max_bytes, overrides, sources);
  };
  unsigned n = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(paths.size())));
  // Not on the calling thread, nor with std::thread's default stack: the walk's recursion needs a known stack size.
  run_on_threads(n, kParserThreadStackBytes, worker);
  return results;
}

std::vector<std::string> import_specifiers(const facts::FileFacts& f) {
  std::set<std::string> specs;
  for (const auto& s : f.symbols)
    if (s.kind == facts::SymbolKind::Import) specs.insert(s.import_source);
  for (const auto& e : f.exports)
    if (!e.from_source.empty()) specs.insert(e.from_source);
  specs.insert(f.required_modules.begin(), f.required_modules.end());
  return {specs.begin(), specs.end()};
}

// Config files (.env, schema.prisma, compose/Kubernetes YAML) go to their own front end; they are small and few, so
// one thread reads them.
std::vector<facts::ConfigFacts> extract_config_files(const fs::path& cwd, const std::vector<std::string>& paths,
                                                     std::uint64_t max_bytes,
                                                     const std::map<std::string, std::string>& overrides,
                                                     AnalysisResult& result) {
  std::vector<facts::ConfigFacts> out;
  for (const auto& rel : paths) {
    ReadResult read;
    if (auto o = overrides.find(rel); o != overrides.end()) read.text.emplace(o->second);
    else read = read_source_file((cwd / rel).string(), max_bytes);
    if (!read.text) {
      result.notices.push_back({rel, read.skip_reason});
      ++result.files_skipped;
      continue;
    }
    ++result.files_analysed;
    result.analysed_files.push_back(rel);
    out.push_back(config::extract_config(rel, *read.text));
    for (auto& n : out.back().notices) result.notices.push_back(std::move(n));
    out.back().notices.clear();
  }
  return out;
}

// Every literal password written in a connection string, for the reporters to mask.
std::vector<Location> secret_locations(const std::vector<index::ProjectIndex::File>& files,
                                       const std::vector<facts::ConfigFacts>& configs) {
  std::vector<Location> out;
  auto add = [&](const std::string& path, const std::vector<facts::ConnectionUrl>& urls) {
    for (const auto& u : urls)
      if (u.has_password && !u.password_placeholder)
        out.push_back({path, u.password_span.line, u.password_span.column, u.password_span.end_line,
                       u.password_span.end_column});
  };
  for (const auto& f : files) add(f.facts.path, f.facts.connection_urls);
  for (const auto& c : configs) add(c.path, c.urls);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

fs::path project_boundary(const fs::path& cwd) {
  int status;
  std::string top = run_capture({"git", "rev-parse", "--show-toplevel"}, cwd, &status);
  while (!top.empty() && (top.back() == '\n' || top.back() == '\r')) top.pop_back();
  return status == 0 && !top.empty() ? fs::path(top) : cwd;
}

}  // namespace

AnalysisResult analyze(const AnalysisOptions& options, const Catalog& catalog) {
  AnalysisResult result;
  PhaseTimer timer;
  DiscoveryResult discovered = discover_files(options.paths, options.cwd);
  result.notices = std::move(discovered.notices);
  for (const auto& [path, content] : options.overrides)
    if (std::find(discovered.files.begin(), discovered.files.end(), path) == discovered.files.end())
      discovered.files.push_back(path);
  if (options.config) {
    std::erase_if(discovered.files, [&](const std::string& p) { return options.config->ignored(options.cwd, p); });
    std::erase_if(result.notices, [&](const Notice& n) { return options.config->ignored(options.cwd, n.path); });
  }
  std::sort(discovered.files.begin(), discovered.files.end());
  // C/C++ translation units go to the Clang front end (driver/analyze_cpp.h), the rest to tree-sitter.
  std::vector<std::string> cpp_units;
  std::erase_if(discovered.files, [&](const std::string& p) { return is_cpp_unit(p) && (cpp_units.push_back(p), true); });

  std::unique_ptr<FactsCache> cache;
  if (options.cache_dir) cache = std::make_unique<FactsCache>(*options.cache_dir);
  std::vector<std::string> sources, config_paths;
  for (auto& path : discovered.files) (config::is_config_path(path) ? config_paths : sources).push_back(path);
  std::vector<facts::ConfigFacts> config_files =
      extract_config_files(options.cwd, config_paths, options.max_file_bytes, options.overrides, result);
  // Connection strings in C/C++ sources (the Clang front end records only SQL literals).
  for (const auto& unit : cpp_units) {
    ReadResult read;
    if (auto o = options.overrides.find(unit); o != options.overrides.end()) read.text.emplace(o->second);
    else read = read_source_file((options.cwd / unit).string(), options.max_file_bytes);
    if (!read.text || read.text->content().find("://") == std::string::npos) continue;
    facts::ConfigFacts urls = config::extract_code_urls(unit, *read.text);
    if (!urls.urls.empty()) config_files.push_back(std::move(urls));
  }

  // The project is where the checked code lives, not where connlint runs: `check /elsewhere/app` from another
  // directory must still read that project's tsconfig.json and resolve its imports.
  fs::path start = options.cwd;
  if (!options.paths.empty()) {
    std::error_code ec;
    start = (options.cwd / options.paths.front()).lexically_normal();
    if (!fs::is_directory(start, ec)) start = start.parent_path();
  }
  fs::path boundary = project_boundary(start);
  if (boundary == start) {  // not in a git work tree: the working directory, unless the code lies outside it
    auto rel = start.lexically_relative(options.cwd);
    if (!rel.empty() && *rel.begin() != "..") boundary = options.cwd;
  }
  PackageLocator packages(options.cwd, boundary);
  index::ModuleResolver resolver(boundary, options.cwd);

  // The rest of each checked file's package, as context (not reported).
  std::set<std::string> checked(sources.begin(), sources.end());
  std::vector<std::string> package_context;
  if (options.project_context) {
    std::set<std::string> roots;
    for (const auto& p : discovered.files) roots.insert(packages.package_of(p));
    std::vector<std::string> root_list;
    for (const auto& r : roots) root_list.push_back(r.empty() ? "." : r);
    DiscoveryResult context = discover_files(root_list, options.cwd);
    std::set<std::string> seen(discovered.files.begin(), discovered.files.end());
    std::vector<std::string> context_configs;
    for (auto& p : context.files) {
      if (is_cpp_unit(p) || !seen.insert(p).second || (options.config && options.config->ignored(options.cwd, p)))
        continue;
      (config::is_config_path(p) ? context_configs : package_context).push_back(std::move(p));
    }
    // The package's configuration files (.env, schema.prisma, ...) say how it connects, as in a run over everything;
    // their own findings are not reported (see the end).
    AnalysisResult unreported;
    for (auto& c : extract_config_files(options.cwd, context_configs, options.max_file_bytes, options.overrides,
                                        unreported))
      config_files.push_back(std::move(c));
  }
  std::set<std::string> package_context_set(package_context.begin(), package_context.end());

  // Which files need a full parse (driver/prefilter.h); the others are checked by the pre-pass alone.
  std::vector<std::string> to_parse = sources, context_to_parse = package_context;
  std::set<std::string> needed;  // what the pre-pass marked (with it; else nothing)
  if (options.prefilter) {
    PrefilterInput input{options.cwd, sources, options.max_file_bytes, &options.overrides, options.jobs,
                         kMaxContextFiles};
    input.files.insert(input.files.end(), package_context.begin(), package_context.end());
    input.find_entry_points = options.project_context;
    timer.done("discovery, config files");
    PrefilterResult pre = prefilter(input, catalog, resolver);
    timer.done("import pre-pass");
    std::erase_if(to_parse, [&](const std::string& p) { return !pre.needed.count(p); });
    // The rest of the package: only the modules that use a database themselves (what the checked files import is
    // followed below anyway; a module that only imports the database reaches no finding in the checked files).
    // The possible request handlers decide whether database code runs serverless or in a web app: that matters
    // when a checked file is a configuration file (all of them: any handler makes a web app) or may build a client
    // or write a connection string (those that reach a database).
    bool config_checked = !config_paths.empty();
    bool direct_checked =
        std::any_of(sources.begin(), sources.end(), [&](const auto& p) { return pre.may_construct.count(p); });
    std::erase_if(context_to_parse, [&](const std::string& p) {
      bool entry = pre.entry_points.count(p) && (config_checked || (direct_checked && pre.needed.count(p)));
      return !pre.direct.count(p) && !entry;
    });
    needed = std::move(pre.needed);
  } else {
    needed.insert(sources.begin(), sources.end());
    needed.insert(package_context.begin(), package_context.end());
  }

  // A shard starts from its share of the files; what they import is parsed as in a single run.
  auto mine = [&](const std::string& path) {
    return !options.shard || shard_of(path, options.shard->count) == options.shard->index;
  };
  if (options.shard) {
    std::erase_if(to_parse, [&](const std::string& p) { return !mine(p); });
    std::erase_if(context_to_parse, [&](const std::string& p) { return !mine(p); });
  }
  FactSources fact_sources{cache.get(), options.precomputed, options.shard.has_value(), options.file_budget};

  std::vector<index::ProjectIndex::File> files;
  std::map<std::string, index::FileId> file_ids;
  std::set<std::string> attempted, counted;
  auto count_checked = [&](const std::string& path, bool analysed) {
    if (!checked.count(path) || !mine(path) || !counted.insert(path).second) return;
    if (!analysed) {
      ++result.files_skipped;
      return;
    }
    ++result.files_analysed;
    result.analysed_files.push_back(path);
  };
  auto take = [&](const std::vector<std::string>& paths) {
    auto extracted =
        extract_all(options.cwd, paths, options.jobs, options.max_file_bytes, options.overrides, fact_sources);
    for (std::size_t i = 0; i < paths.size(); ++i) {
      attempted.insert(paths[i]);
      bool reported = checked.count(paths[i]) > 0;
      for (auto& n : extracted[i].notices)
        if (reported && mine(paths[i])) result.notices.push_back(std::move(n));
      if (extracted[i].shard_entry) result.shard.files.push_back(std::move(*extracted[i].shard_entry));
      count_checked(paths[i], extracted[i].facts.has_value());
      if (!extracted[i].facts) continue;
      ++result.files_parsed;
      if (extracted[i].from_cache) ++result.files_from_cache;
      file_ids[paths[i]] = static_cast<index::FileId>(files.size());
      index::ProjectIndex::File& file = files.emplace_back();
      file.facts = std::move(*extracted[i].facts);
      file.reported = reported;
      file.package_context = !reported && package_context_set.count(paths[i]);
    }
  };
  take(to_parse);
  take(context_to_parse);
  // Checked files the pre-pass found nothing in: read and checked, nothing to report.
  for (const auto& path : sources)
    if (!attempted.count(path)) count_checked(path, true);

  // Follow imports out of the parsed files, so that checking one file still knows what its imports are (and a
  // helper the pre-pass skipped is parsed once a file that matters imports it).
  // Each file's imports, resolved once here and kept for the project index below.
  std::vector<std::vector<std::pair<std::string, std::optional<std::string>>>> resolved_imports;
  std::size_t resolved_upto = 0, context_files = 0;
  while (resolved_upto < files.size()) {
    std::vector<std::string> wanted;
    std::set<std::string> wanted_set;
    resolved_imports.resize(files.size());
    for (; resolved_upto < files.size(); ++resolved_upto) {
      auto& file = files[resolved_upto];
      for (auto& spec : import_specifiers(file.facts)) {
        auto target = resolver.resolve(file.facts.path, spec);
        resolved_imports[resolved_upto].emplace_back(std::move(spec), target);
        if (!target || attempted.count(*target) || !wanted_set.insert(*target).second) continue;
        // A shard leaves the files another shard starts from to that shard, which follows their imports itself.
        if (options.shard && needed.count(*target) && !mine(*target)) continue;
        if (checked.count(*target)) {
          wanted.push_back(*target);
        } else if (context_files < kMaxContextFiles) {
          wanted.push_back(*target);
          ++context_files;
        }
      }
    }
    take(wanted);
  }
  if (cache) cache->flush();
  // Unmapped now: the packs' pages (as large as the facts' encoding) would otherwise count in the peak memory of a
  // warm run until it ends.
  fact_sources.cache = nullptr;
  cache.reset();
  std::sort(result.analysed_files.begin(), result.analysed_files.end());
  if (options.shard) {
    // The C/C++ half joins translation units, so the first shard analyses all of them; `merge` takes its results.
    if (options.shard->index == 0 && !cpp_units.empty())
      result.shard.cpp = analyze_cpp(cpp_units, options.paths, options.cwd, options.jobs, options.cpp, catalog);
    result.shard.shard = *options.shard;
    result.shard.paths = options.paths;
    std::sort(result.shard.files.begin(), result.shard.files.end(),
              [](const ShardFile::Entry& a, const ShardFile::Entry& b) { return a.path < b.path; });
    std::sort(result.notices.begin(), result.notices.end());
    return result;
  }
  NextJsDetector nextjs(options.cwd, boundary);
  for (std::size_t k = 0; k < files.size(); ++k) {
    auto& file = files[k];
    for (const auto& [spec, target] : resolved_imports[k]) {
      auto id = target ? file_ids.find(*target) : file_ids.end();
      file.imports[spec] = id == file_ids.end() ? std::nullopt : std::optional<index::FileId>(id->second);
    }
    file.role = file_role(file.facts.path, file.facts);
    file.nextjs = nextjs.in_nextjs_project(file.facts.path);
    file.package = packages.package_of(file.facts.path);
  }

  result.secrets = secret_locations(files, config_files);
  timer.done("parse and extract facts");
  auto project_ptr = std::make_unique<index::ProjectIndex>(std::move(files), catalog, std::move(config_files));
  index::ProjectIndex& project = *project_ptr;
  index::Summaries summaries(project);
  timer.done("project index, summaries");
  rules::RuleOptions rule_options;
  if (options.config) rule_options.transaction_timeout_ms = options.config->transaction_timeout_ms;
  rules::pool::ProjectConfig pool_config(project);
  rules::RuleContext context{project, summaries, rule_options, pool_config};
  for (const auto& rule : rules::all_rules()) {
    std::vector<Finding> found;
    rule->check(context, found);
    const RuleMeta* meta = find_rule(rule->id());
    for (auto& f : found) {
      f.level = f.level_override.value_or(meta ? meta->level : f.level);
      result.findings.push_back(std::move(f));
    }
  }
  timer.done("rules");
  if (!cpp_units.empty()) {
    CppAnalysisResult cpp = options.precomputed && options.precomputed->cpp()
                                ? *options.precomputed->cpp()
                                : analyze_cpp(cpp_units, options.paths, options.cwd, options.jobs, options.cpp, catalog);
    // The C++ rules see no configuration files: the project's pooler mode raises session-state-sql here, as the
    // TypeScript part does itself (rules/pool_config_util.h).
    for (auto& f : cpp.findings) {
      if (f.rule_id == "session-state-sql") rules::pool::raise_under_transaction_pooling(f, pool_config);
      result.findings.push_back(std::move(f));
    }
    for (auto& n : cpp.notices) result.notices.push_back(std::move(n));
    result.files_analysed += cpp.analysed.size();
    result.files_skipped += cpp.failed;
    result.analysed_files.insert(result.analysed_files.end(), cpp.analysed.begin(), cpp.analysed.end());
    std::sort(result.analysed_files.begin(), result.analysed_files.end());
    timer.done("C/C++ (Clang)");
  }
  if (options.project_context) {
    // Findings belong to the checked files only, not to the package files read as context.
    std::set<std::string> reported_paths(discovered.files.begin(), discovered.files.end());
    reported_paths.insert(cpp_units.begin(), cpp_units.end());
    std::erase_if(result.findings, [&](const Finding& f) { return !reported_paths.count(f.location.path); });
  }
  std::sort(result.findings.begin(), result.findings.end(), finding_order);
  std::sort(result.notices.begin(), result.notices.end());
  timer.done("sort");
  // Freed here, before the report is rendered (leaving it to the process's exit saves 4% of a warm run but adds 10%
  // to peak RSS). The facts were allocated by the parsing threads, in their own malloc arenas, which the thread that
  // renders does not reuse: without giving the free pages back, rendering a large report (60 MiB for 12,000
  // findings) grew the peak instead of reusing them.
  project_ptr.reset();
#ifdef __GLIBC__
  malloc_trim(0);
#endif
  timer.done("free the project index");
  return result;
}

}  // namespace connlint
