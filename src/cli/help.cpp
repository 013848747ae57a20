#include "cli/commands.h"
#include "core/rule_meta.h"

namespace connlint::cli {

std::string main_help() {
  std::string help =
      "connlint: finds database connection misuse (pool exhaustion, N+1 queries, leaked connections,\n"
      "over-broad transactions) in TypeScript/JavaScript and C++ before it ships.\n\n"
      "Usage: connlint <command> [options]\n\n"
      "Commands:\n"
      "  check [PATH...]   analyse files and folders (default: .)\n"
      "  rules             list the rules (--format json for machines)\n"
      "  explain RULE      show a rule's documentation\n"
      "  baseline [PATH...] write today's findings to .connlint-baseline.json (check --baseline FILE)\n"
      "  merge FACTS...    report on a check split across machines with check --shard K/N --facts-out FILE\n"
      "  init              write a starter .connlint.json\n"
      "  install-hook      install a git pre-commit hook running `connlint check --staged`\n"
      "  lsp               run the Language Server (stdio) for editors\n"
      "  docs              regenerate the rule pages (docs/rules/) from rules/*.json\n\n"
      "Options:\n"
      "  -h, --help        show help (`connlint check --help` for the check options)\n"
      "  -V, --version     show the version\n\n"
      "Rules:\n";
  for (const auto& r : builtin_rules()) {
    std::string id = r.id;
    id.resize(std::max<std::size_t>(id.size() + 2, 24), ' ');
    help += "  " + id + r.summary + "\n";
  }
  help += "\nExit codes: 0 nothing at or above the failing level, 1 findings, 2 usage or internal error.\n";
  return help;
}

}  // namespace connlint::cli
