#include "lsp/server.h"

#include <chrono>
#include <fstream>
#include <sstream>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "core/catalog.h"
#include "core/config.h"
#include "core/discover.h"
#include "core/rule_meta.h"
#include "core/source_cache.h"
#include "driver/analyze.h"
#include "driver/facts_cache.h"
#include "driver/filters.h"
#include "lsp/jsonrpc.h"
#include "report/report.h"
#include "version.h"

namespace connlint::lsp {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Edits arriving faster than this are analysed once, after the typing pauses.
constexpr auto kDebounce = std::chrono::milliseconds(250);

std::string uri_to_path(const std::string& uri) {
  std::string p = uri.rfind("file://", 0) == 0 ? uri.substr(7) : uri;
  std::string out;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '%' && i + 2 < p.size() && std::isxdigit(static_cast<unsigned char>(p[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(p[i + 2]))) {
      out += static_cast<char>(std::stoi(p.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += p[i];
    }
  }
  return out;
}

std::string path_to_uri(const fs::path& path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out = "file://";
  for (unsigned char c : path.generic_string()) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
    else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

class Server {
 public:
  Server(std::FILE* in, std::FILE* out) : in_(in), writer_(out) {}

  int run() {
    std::thread worker([this] { analysis_loop(); });
    int code = 1;
    while (true) {
      ReadResult r = read_message(in_);
      if (r.status == ReadResult::Status::End) break;
      if (r.status != ReadResult::Status::Message) {
        writer_.send({{"jsonrpc", "2.0"}, {"id", nullptr},
                      {"error", {{"code", r.status == ReadResult::Status::TooLarge ? -32600 : -32700},
                                 {"message", r.error}}}});
        continue;
      }
      if (!r.message.is_object()) {
        writer_.send({{"jsonrpc", "2.0"}, {"id", nullptr}, {"error", {{"code", -32600}, {"message", "not an object"}}}});
        continue;
      }
      if (handle(r.message)) {
        code = shutdown_requested_ ? 0 : 1;
        break;
      }
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    worker.join();
    return code;
  }

 private:
  // Returns true on `exit`.
  bool handle(const json& msg) {
    std::string method = msg.value("method", "");
    bool is_request = msg.contains("id");
    json id = is_request ? msg["id"] : json();
    const json params = msg.value("params", json::object());
    try {
      if (method == "initialize") {
        std::string root = params.contains("rootUri") && params["rootUri"].is_string()
                               ? uri_to_path(params["rootUri"].get<std::string>())
                               : (params.contains("rootPath") && params["rootPath"].is_string()
                                      ? params["rootPath"].get<std::string>()
                                      : fs::current_path().string());
        {
          std::lock_guard<std::mutex> lock(mutex_);
          root_ = fs::absolute(root).lexically_normal();
        }
        reply(id, {{"capabilities",
                    {{"textDocumentSync", {{"openClose", true}, {"change", 1}, {"save", {{"includeText", false}}}}},
                     {"codeActionProvider", {{"codeActionKinds", json::array({"quickfix"})}}}}},
                   {"serverInfo", {{"name", "connlint"}, {"version", CONNLINT_VERSION}}}});
      } else if (method == "shutdown") {
        shutdown_requested_ = true;
        reply(id, nullptr);
      } else if (method == "exit") {
        return true;
      } else if (method == "textDocument/didOpen" || method == "textDocument/didChange") {
        const auto& doc = params.at("textDocument");
        std::string uri = doc.at("uri").get<std::string>();
        std::string text = method == "textDocument/didOpen" ? doc.at("text").get<std::string>()
                                                            : params.at("contentChanges").back().at("text").get<std::string>();
        schedule(uri, std::move(text));
      } else if (method == "textDocument/didSave") {
        std::string uri = params.at("textDocument").at("uri").get<std::string>();
        std::lock_guard<std::mutex> lock(mutex_);
        pending_.insert(uri);
        due_ = std::chrono::steady_clock::now();
        wake_.notify_all();
      } else if (method == "textDocument/didClose") {
        std::string uri = params.at("textDocument").at("uri").get<std::string>();
        {
          std::lock_guard<std::mutex> lock(mutex_);
          buffers_.erase(uri);
          pending_.erase(uri);
        }
        publish(uri, json::array());
      } else if (method == "textDocument/codeAction") {
        reply(id, code_actions(params));
      } else if (is_request) {
        writer_.send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", -32601}, {"message", "unknown method " + method}}}});
      }
    } catch (const json::exception& e) {
      if (is_request)
        writer_.send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", -32602}, {"message", std::string("invalid params: ") + e.what()}}}});
    }
    return false;
  }

  void reply(const json& id, json result) {
    writer_.send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
  }

  void publish(const std::string& uri, json diagnostics) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      published_[uri] = diagnostics;
    }
    writer_.send({{"jsonrpc", "2.0"},
                  {"method", "textDocument/publishDiagnostics"},
                  {"params", {{"uri", uri}, {"diagnostics", std::move(diagnostics)}}}});
  }

  void schedule(const std::string& uri, std::string text) {
    std::lock_guard<std::mutex> lock(mutex_);
    buffers_[uri] = std::move(text);
    pending_.insert(uri);
    due_ = std::chrono::steady_clock::now() + kDebounce;
    wake_.notify_all();
  }

  void analysis_loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
      if (pending_.empty()) {
        wake_.wait(lock);
        continue;
      }
      if (std::chrono::steady_clock::now() < due_) {
        wake_.wait_until(lock, due_);
        continue;
      }
      std::set<std::string> uris;
      uris.swap(pending_);
      std::map<std::string, std::string> buffers = buffers_;
      fs::path root = root_;
      lock.unlock();
      for (const auto& uri : uris) analyse_and_publish(uri, buffers, root);
      lock.lock();
    }
  }

  // The JSON diagnostics for one document, computed with every open buffer overriding the disk.
  void analyse_and_publish(const std::string& uri, const std::map<std::string, std::string>& buffers,
                           const fs::path& root) {
    fs::path path = uri_to_path(uri);
    std::string rel = path.lexically_relative(root).generic_string();
    if (rel.empty() || rel.rfind("..", 0) == 0) {
      root_for_outside_ = path.parent_path();
    }
    const fs::path& cwd = (rel.empty() || rel.rfind("..", 0) == 0) ? root_for_outside_ : root;
    rel = path.lexically_relative(cwd).generic_string();
    json diagnostics = json::array();
    try {
      Config config;
      if (auto file = find_config(path.parent_path(), cwd)) config = load_config(*file);
      if (config.ignored(cwd, rel)) {
        publish(uri, diagnostics);
        return;
      }
      Catalog catalog = Catalog::builtin();
      for (const auto& c : config.catalogs) {
        std::ifstream in(c, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        catalog.add(c.string(), text.str());
      }
      AnalysisOptions options;
      options.cwd = cwd;
      options.paths = {rel};
      options.jobs = 1;
      options.config = &config;
      options.project_context = true;
      options.cache_dir = cwd / kCacheDirName;
      for (const auto& [u, text] : buffers) {
        std::string r = fs::path(uri_to_path(u)).lexically_relative(cwd).generic_string();
        if (!r.empty() && r.rfind("..", 0) != 0 && (r == rel || is_supported_source(r))) options.overrides[r] = text;
      }
      AnalysisResult result = analyze(options, catalog);
      SourceCache sources(cwd);
      for (const auto& [p, text] : options.overrides) sources.set(p, text);
      apply_filters(result, config, nullptr, sources, cwd, false);
      for (const auto& f : result.findings) {
        if (f.location.path != rel || f.suppressed != Suppressed::No) continue;
        diagnostics.push_back(diagnostic(f, sources, cwd));
      }
    } catch (const std::exception& e) {
      writer_.send({{"jsonrpc", "2.0"},
                    {"method", "window/logMessage"},
                    {"params", {{"type", 1}, {"message", std::string("connlint: ") + e.what()}}}});
    }
    publish(uri, std::move(diagnostics));
  }

  static json range(const Location& l, SourceCache& sources) {
    const SourceText* text = sources.get(l.path);
    auto col = [&](std::uint32_t line, std::uint32_t byte_col) {
      return (text ? report::utf16_column(text->line(line), byte_col) : byte_col) - 1;
    };
    return {{"start", {{"line", l.line - 1}, {"character", col(l.line, l.column)}}},
            {"end", {{"line", l.end_line - 1}, {"character", col(l.end_line, l.end_column)}}}};
  }

  static json diagnostic(const Finding& f, SourceCache& sources, const fs::path& cwd) {
    const RuleMeta* meta = find_rule(f.rule_id);
    json related = json::array();
    for (const auto& r : f.related)
      related.push_back({{"location", {{"uri", path_to_uri(cwd / r.location.path)}, {"range", range(r.location, sources)}}},
                         {"message", r.message}});
    json d = {{"range", range(f.location, sources)},
              {"severity", f.level == Level::Error ? 1 : (f.level == Level::Warning ? 2 : 3)},
              {"code", f.rule_id},
              {"source", "connlint"},
              {"message", f.message + (f.help.empty() ? "" : "\n" + f.help)},
              {"relatedInformation", related},
              {"data", {{"rule", f.rule_id}, {"family", meta ? meta->family : ""}}}};
    if (meta) d["codeDescription"] = {{"href", std::string(CONNLINT_RULE_DOCS_BASE) + f.rule_id + ".md"}};
    return d;
  }

  // A quick fix per connlint diagnostic: insert `// connlint-ignore-next-line <rule> -- reason` above the line.
  json code_actions(const json& params) {
    std::string uri = params.at("textDocument").at("uri").get<std::string>();
    std::string text;
    json published;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = buffers_.find(uri);
      if (it != buffers_.end()) text = it->second;
      if (auto p = published_.find(uri); p != published_.end()) published = p->second;
    }
    // Clients send back the diagnostics under the cursor, not always as published: ALE drops `source` (and sends
    // none when the cursor is on a word), Neovim mixes in other servers' (whose `code` may be a number). A connlint
    // rule id is what identifies ours; without any, the ones last published on the requested lines are used.
    auto ours = [](const json& d) {
      return d.is_object() && (!d.contains("source") || d["source"] == "connlint") && d.contains("code") &&
             d["code"].is_string() && find_rule(d["code"].get<std::string>()) != nullptr;
    };
    json wanted = json::array();
    for (const auto& d : params.at("context").value("diagnostics", json::array()))
      if (ours(d)) wanted.push_back(d);
    if (wanted.empty() && published.is_array()) {
      auto first = params.at("range").at("start").at("line").get<std::int64_t>();
      auto last = params.at("range").at("end").at("line").get<std::int64_t>();
      for (const auto& d : published) {
        const auto& lines = d["range"];
        if (lines["start"]["line"].get<std::int64_t>() <= last && lines["end"]["line"].get<std::int64_t>() >= first)
          wanted.push_back(d);
      }
    }
    json actions = json::array();
    for (const auto& d : wanted) {
      std::string rule = d["code"].get<std::string>();
      std::uint32_t line = d.at("range").at("start").at("line").get<std::uint32_t>();
      std::string indent = indentation(text, line);
      json edit = {{"range", {{"start", {{"line", line}, {"character", 0}}}, {"end", {{"line", line}, {"character", 0}}}}},
                   {"newText", indent + "// connlint-ignore-next-line " + rule + " -- reason\n"}};
      actions.push_back({{"title", "Suppress " + rule + " on this line"},
                         {"kind", "quickfix"},
                         {"diagnostics", json::array({d})},
                         {"edit", {{"changes", {{uri, json::array({edit})}}}}}});
    }
    return actions;
  }

  static std::string indentation(const std::string& text, std::uint32_t line) {
    std::size_t start = 0;
    for (std::uint32_t l = 0; l < line && start != std::string::npos; ++l) {
      start = text.find('\n', start);
      if (start != std::string::npos) ++start;
    }
    std::string indent;
    for (std::size_t i = start; start != std::string::npos && i < text.size() && (text[i] == ' ' || text[i] == '\t'); ++i)
      indent += text[i];
    return indent;
  }

  std::FILE* in_;
  Writer writer_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::string, std::string> buffers_;  // uri -> text of open documents
  std::set<std::string> pending_;
  std::map<std::string, json> published_;  // uri -> the diagnostics last published for it
  std::chrono::steady_clock::time_point due_;
  fs::path root_ = fs::current_path();
  fs::path root_for_outside_;
  bool stopping_ = false;
  bool shutdown_requested_ = false;
};

}  // namespace

int run_server(std::FILE* in, std::FILE* out) { return Server(in, out).run(); }

}  // namespace connlint::lsp
