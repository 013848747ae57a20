// client-per-request, C++ part: a new connection made in a request handler (a function taking an HTTP/RPC
// framework's request), or once per loop iteration, directly or through a helper that connects each time it is
// called. Connections cached in a global or made only when the cached one is missing are not reported, nor are
// connect-retry loops and loops that try candidates until one connects (the connection decides when they stop).
#include <set>

#include "rules/cpp_rule.h"

namespace connlint::rules {

namespace {

class ClientPerRequestCpp final : public CppRule {
 public:
  std::string_view id() const override { return "client-per-request"; }

  void check(const CppRuleContext& ctx, std::vector<Finding>& out) const override {
    const auto& project = ctx.project;
    for (cpp::UnitId u = 0; u < static_cast<cpp::UnitId>(project.units().size()); ++u) {
      const auto& unit = project.units()[u];
      std::set<facts::CppCallId> reported;
      // In a request handler: the first call that connects.
      for (facts::CppFunctionId fn = 0; fn < static_cast<facts::CppFunctionId>(unit.functions.size()); ++fn) {
        const auto& function = unit.functions[fn];
        if (!function.handler) continue;
        for (facts::CppCallId c = 0; c < static_cast<facts::CppCallId>(unit.calls.size()); ++c) {
          const auto& call = unit.calls[c];
          if (call.function != fn || call.once || !project.connects({u, c})) continue;
          reported.insert(c);
          report(project, {u, c}, "per request",
                 {project.location(u, function.span), "the request handler (it takes `" + function.handler_type + "`)"},
                 out);
          break;
        }
      }
      // Once per loop iteration.
      for (facts::CppCallId c = 0; c < static_cast<facts::CppCallId>(unit.calls.size()); ++c) {
        const auto& call = unit.calls[c];
        if (call.loop == facts::kNone || call.once || call.ends_loop || reported.count(c) || !project.connects({u, c}))
          continue;
        report(project, {u, c}, "once per loop iteration",
               {project.location(u, unit.loops[call.loop].header), "the loop"}, out);
      }
    }
  }

 private:
  void report(const cpp::Project& project, cpp::Site site, const char* how, RelatedLocation where,
              std::vector<Finding>& out) const {
    const auto& call = project.call(site);
    cpp::Site made = project.connect_behind(site);
    if (!made.known()) return;
    const auto& made_call = project.call(made);
    bool via_helper = made.unit != site.unit || made.call != site.call;
    std::string library = cpp_library_name(project, made_call.library);
    Finding f = cpp_finding_at(id(), project, site.unit, call.span, call.function);
    f.message = (via_helper ? "`" + call.callee + "()` opens a new " + library + " connection"
                            : "a new " + library + " connection is opened") +
                " " + how +
                ": connecting costs a round trip and a server process each time, and concurrent "
                "requests exhaust the database's connection limit";
    f.help = "open the connection once (or use a pool) and reuse it across requests and iterations";
    if (via_helper) f.related.push_back({project.location(made.unit, made_call.span), "the connection"});
    f.related.push_back(std::move(where));
    out.push_back(std::move(f));
  }
};

}  // namespace

std::unique_ptr<CppRule> make_client_per_request_cpp() { return std::make_unique<ClientPerRequestCpp>(); }

}  // namespace connlint::rules
