#include "rules/rule_util.h"

#include <algorithm>
#include <cctype>
#include <span>

namespace connlint::rules {

using facts::kNone;

namespace {

constexpr std::string_view kHttpMethods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
constexpr std::string_view kRouteMethods[] = {"get", "post", "put",  "patch",   "delete", "del",
                                              "all", "use",  "head", "options", "route",  "handle"};
constexpr std::string_view kNestDecorators[] = {"Get",          "Post",           "Put",          "Patch", "Delete",
                                                "All",          "Head",           "Options",      "Query", "Mutation",
                                                "Subscription", "MessagePattern", "EventPattern", "Sse"};

bool contains(std::span<const std::string_view> list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool path_has_segment(const std::string& path, std::string_view segment) {
  std::string needle = "/" + std::string(segment) + "/";
  return ("/" + path).find(needle) != std::string::npos;
}

std::string file_stem(const std::string& path) {
  auto slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  return name.substr(0, name.find('.'));
}

bool is_global_name(const std::string& name) { return name == "globalThis" || name == "global" || name == "window"; }

// `globalThis`, or `const globalForPrisma = globalThis as unknown as {...}`.
bool is_global_object(const facts::FileFacts& facts, const facts::ValueRef& v) {
  if (!v.steps.empty()) return false;
  if (is_global_name(v.global())) return true;
  if (v.symbol == kNone) return false;
  for (const auto& value : facts.symbols[v.symbol].values)
    if (value.steps.empty() && is_global_name(value.global())) return true;
  return false;
}

// `globalThis.prisma`, `globalForPrisma.prisma`: a read of something cached on the global object.
bool reads_global(const facts::FileFacts& facts, const facts::ValueRef& v) {
  if (v.steps.empty()) return false;
  facts::ValueRef object = v;
  object.steps.clear();
  return is_global_object(facts, object);
}

// The receivers route methods are called on in web frameworks (`app`, `router`, `server`, `fastify`, ...), by a word
// of their lowercased name. Shared with the pre-pass's lexical test below, so both accept the same receivers.
bool router_like(const std::string& lowercased_receiver) {
  for (const char* word : {"app", "router", "server", "fastify", "api", "route"})
    if (lowercased_receiver.find(word) != std::string::npos) return true;
  return false;
}

// Next.js app-router route files (`route.ts`) and anything under an `api` folder (pages API routes, and similar).
bool route_file(const std::string& path) { return file_stem(path) == "route" || path_has_segment(path, "api"); }

}  // namespace

bool is_request_handler(const index::ProjectIndex& index, index::FileId file, facts::FunctionId fn) {
  const auto& f = index.files()[file];
  const auto& facts = f.facts;
  const auto& func = facts.functions[fn];
  // NestJS controllers and resolvers.
  for (const auto& d : func.decorators)
    if (contains(kNestDecorators, d)) return true;
  if (func.parent == kNone && func.role == facts::FunctionRole::Declared) {
    // Next.js app router: app/**/route.ts exporting GET/POST/...
    if (route_file(facts.path) && contains(kHttpMethods, func.name)) return true;
    // Next.js pages API routes and similar file-based handlers: the default export.
    if (path_has_segment(facts.path, "api") && (func.name == "default" || func.name == "handler")) {
      for (const auto& e : facts.exports)
        if (e.name == "default" &&
            (e.function == fn || (e.symbol != kNone && facts.symbols[e.symbol].body == fn) || func.name == "handler"))
          return true;
    }
  }
  // Express/Fastify/Koa/Hono: `app.get('/path', async (req, res) => ...)`.
  if (func.role == facts::FunctionRole::Argument && func.argument_of != kNone) {
    const auto& call = facts.calls[func.argument_of];
    const auto& steps = call.callee.steps;
    if (steps.empty() || !contains(kRouteMethods, steps.back())) return false;
    bool path_first = !call.args.empty() && call.args[0].kind == facts::Argument::Kind::String;
    std::string receiver =
        lower(call.callee.symbol != kNone ? facts.symbols[call.callee.symbol].name : call.callee.global());
    return path_first && router_like(receiver);
  }
  return false;
}

bool may_define_request_handler(std::string_view path, std::string_view text) {
  std::string p(path);
  if (route_file(p)) return true;
  // A serverless function's `handler` (pool_config_util.cpp decides by its imports and folders).
  if (text.find("handler") != std::string_view::npos &&
      (text.find("aws-lambda") != std::string_view::npos || text.find("@netlify/functions") != std::string_view::npos ||
       text.find("@vercel/node") != std::string_view::npos ||
       ("/" + p).find("/netlify/functions/") != std::string::npos || ("/" + p).find("/lambda") != std::string::npos))
    return true;
  for (auto d : kNestDecorators)
    if (text.find("@" + std::string(d)) != std::string_view::npos) return true;
  // `app.get('/path', ...)`: a route method called with a string on a router-like receiver.
  for (auto m : kRouteMethods) {
    std::string call = "." + std::string(m) + "(";
    for (auto at = text.find(call); at != std::string_view::npos; at = text.find(call, at + 1)) {
      auto arg = text.find_first_not_of(" \t\r\n", at + call.size());
      if (arg == std::string_view::npos || (text[arg] != '\'' && text[arg] != '"' && text[arg] != '`')) continue;
      auto begin = at;
      while (begin > 0 && (std::isalnum(static_cast<unsigned char>(text[begin - 1])) || text[begin - 1] == '_' ||
                           text[begin - 1] == '$'))
        --begin;
      if (router_like(lower(std::string(text.substr(begin, at - begin))))) return true;
    }
  }
  return false;
}

bool runs_inside(const index::ProjectIndex& index, index::FileId file, facts::FunctionId fn, facts::FunctionId body) {
  const auto& functions = index.files()[file].facts.functions;
  while (fn != kNone) {
    if (fn == body) return true;
    if (index.owner(file, fn) == fn) return false;  // a function of its own: runs when someone calls it
    fn = functions[fn].parent;
  }
  return false;
}

bool cached_on_global(const index::ProjectIndex& index, index::FileId file, const facts::Call& call) {
  const auto& facts = index.files()[file].facts;
  if (call.stored_globally) return true;
  if (call.result == kNone)  // `globalThis.db ?? drizzle(postgres(url))`: the inner client is kept with the outer
    return call.argument_of != kNone && cached_on_global(index, file, facts.calls[call.argument_of]);
  const auto& holder = facts.symbols[call.result];
  for (const auto& v : holder.values)
    if (reads_global(facts, v)) return true;
  for (const auto& store : facts.global_stores) {
    if (store.values.empty() || !is_global_object(facts, store.values[0])) continue;
    for (std::size_t i = 1; i < store.values.size(); ++i)
      if (store.values[i].symbol == call.result) return true;
  }
  return false;
}

facts::FunctionId function_argument(const facts::Call& call, int from) {
  for (std::size_t i = static_cast<std::size_t>(std::max(from, 0)); i < call.args.size(); ++i)
    if (call.args[i].kind == facts::Argument::Kind::Function && call.args[i].function != kNone)
      return call.args[i].function;
  return kNone;
}

std::vector<TransactionSite> interactive_transactions(const index::ProjectIndex& index) {
  std::vector<TransactionSite> sites;
  const auto& files = index.files();
  for (index::FileId f = 0; f < static_cast<index::FileId>(files.size()); ++f) {
    if (!files[f].reported) continue;
    const auto& calls = files[f].facts.calls;
    for (facts::CallId c = 0; c < static_cast<facts::CallId>(calls.size()); ++c) {
      const auto& info = index.call(f, c);
      if (info.kind != index::CallInfo::Kind::Transaction || info.transaction->callback_arg < 0) continue;
      facts::FunctionId body = function_argument(calls[c], info.transaction->callback_arg);
      if (body != kNone) sites.push_back({f, c, body});
    }
  }
  return sites;
}

std::string library_name(const Library* library) { return library ? library->display_name : "database"; }

Finding finding_at(std::string_view rule, const index::ProjectIndex& index, index::FileId file, const facts::Span& span,
                   facts::FunctionId function) {
  Finding f;
  f.rule_id = std::string(rule);
  f.location = index.location(file, span);
  f.enclosing_function = index.function_name(file, function);
  return f;
}

}  // namespace connlint::rules
