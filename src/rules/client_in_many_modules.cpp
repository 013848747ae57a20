// client-in-many-modules: a pooled client constructed at module scope in two or more application modules.
//
// Every module-scope `new PrismaClient()` / `postgres(url)` / `new Pool()` owns its own pool, so N modules ask the
// database for N pools' worth of connections (incident 1: 20 controllers x ~10 connections against a limit of 25).
// Scripts and tests are separate processes and do not count; neither do edge modules, which must build clients
// per request, nor wrappers over a handle that already exists (`drizzle(pool)`).
#include <map>

#include "rules/rule_util.h"

namespace connlint::rules {

namespace {

constexpr std::size_t kMaxRelated = 10;

class ClientInManyModules final : public Rule {
 public:
  std::string_view id() const override { return "client-in-many-modules"; }

  void check(const RuleContext& ctx, std::vector<Finding>& out) const override {
    struct Site {
      index::FileId file;
      facts::CallId call;
    };
    // (package, library) -> the first module-scope construction in each application module. Packages of a
    // monorepo are deployed separately: each may have its own client.
    std::map<std::pair<std::string, const Library*>, std::vector<Site>> by_library;
    const auto& files = ctx.index.files();
    for (index::FileId f = 0; f < static_cast<index::FileId>(files.size()); ++f) {
      const auto& file = files[f];
      if (file.role != index::ProjectIndex::Role::App || file.facts.edge_runtime) continue;
      std::map<const Library*, bool> seen;
      for (facts::CallId c = 0; c < static_cast<facts::CallId>(file.facts.calls.size()); ++c) {
        const auto& info = ctx.index.call(f, c);
        if (info.kind != index::CallInfo::Kind::Construct || info.wraps_handle) continue;
        if (!file.facts.calls[c].at_module_scope || seen[info.library]) continue;
        seen[info.library] = true;
        by_library[{file.package, info.library}].push_back({f, c});
      }
    }
    for (const auto& [key, sites] : by_library) {
      const Library* library = key.second;
      if (sites.size() < 2) continue;
      for (const auto& site : sites) {
        if (!files[site.file].reported) continue;
        const auto& call = files[site.file].facts.calls[site.call];
        Finding finding = finding_at(id(), ctx.index, site.file, call.callee_span, call.function);
        finding.message = "this module builds its own " + library_name(library) + " client, and so do " +
                          std::to_string(sites.size() - 1) + " other module" + (sites.size() == 2 ? "" : "s") +
                          ": each owns a connection pool, so the app opens " + std::to_string(sites.size()) +
                          " pools against one database";
        finding.help = "construct the client once in a shared module (e.g. `lib/db.ts`) and import it everywhere";
        for (const auto& other : sites) {
          if (finding.related.size() >= kMaxRelated) break;
          if (other.file == site.file) continue;
          const auto& other_call = files[other.file].facts.calls[other.call];
          finding.related.push_back({ctx.index.location(other.file, other_call.callee_span), "another client"});
        }
        out.push_back(std::move(finding));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_client_in_many_modules() { return std::make_unique<ClientInManyModules>(); }

}  // namespace connlint::rules
