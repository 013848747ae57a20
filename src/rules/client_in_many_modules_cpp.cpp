// client-in-many-modules, C++ part: connections constructed when the program starts (a global's initializer, a
// function-local `static`) in two or more translation units. Each such unit owns its own connection, so a service
// made of N of them opens N connections per process, times the number of processes. Units that define `main` (each
// is a program of its own) and tests do not count.
#include <map>

#include "rules/cpp_rule.h"

namespace connlint::rules {

namespace {

constexpr std::size_t kMaxRelated = 10;

class ClientInManyModulesCpp final : public CppRule {
 public:
  std::string_view id() const override { return "client-in-many-modules"; }

  void check(const CppRuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& project = ctx.project;
    std::map<std::string, std::vector<cpp::Site>> by_library;  // library -> first such construction per unit
    for (cpp::UnitId u = 0; u < static_cast<cpp::UnitId>(project.units().size()); ++u) {
      const auto& unit = project.units()[u];
      if (unit.has_main || cpp_is_test_path(unit.path)) continue;
      std::map<std::string, bool> seen;
      for (facts::CppCallId c = 0; c < static_cast<facts::CppCallId>(unit.calls.size()); ++c) {
        const auto& call = unit.calls[c];
        if (!call.once) continue;
        cpp::Site made = call.kind == facts::CppCallKind::Connect ? cpp::Site{u, c} : project.connect_behind({u, c});
        if (!made.known()) continue;
        const std::string& library = project.call(made).library;
        if (seen[library]) continue;
        seen[library] = true;
        by_library[library].push_back({u, c});
      }
    }
    for (const auto& [library, sites] : by_library) {
      if (sites.size() < 2) continue;
      for (const auto& site : sites) {
        const auto& call = project.call(site);
        Finding f = cpp_finding_at(id(), project, site.unit, call.span, call.function);
        f.message =
            "this translation unit opens its own " + cpp_library_name(project, library) +
            " connection when the program starts, as " +
            (sites.size() == 2 ? "does 1 other unit" : "do " + std::to_string(sites.size() - 1) + " other units") +
            ": every process opens " + std::to_string(sites.size()) + " connections to one database";
        f.help = "create the connection (or a pool) once, in one place, and pass it to the code that needs it";
        for (const auto& other : sites) {
          if (f.related.size() >= kMaxRelated) break;
          if (other.unit == site.unit) continue;
          f.related.push_back({project.location(other.unit, project.call(other).span), "another connection"});
        }
        out.push_back(std::move(f));
      }
    }
  }
};

}  // namespace

std::unique_ptr<CppRule> make_client_in_many_modules_cpp() { return std::make_unique<ClientInManyModulesCpp>(); }

}  // namespace connlint::rules
