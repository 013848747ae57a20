#include "fuzz_rules.h"

#include "core/catalog.h"
#include "driver/file_roles.h"
#include "index/project_index.h"
#include "index/summaries.h"
#include "rules/pool_config_util.h"
#include "rules/rule.h"

namespace connlint::fuzz {

std::size_t run_rules(facts::FileFacts facts) {
  // Built once: the catalogs are the same for every input.
  static const Catalog catalog = Catalog::builtin();
  static const auto rules = rules::all_rules();

  index::ProjectIndex::File file;
  file.role = file_role(facts.path, facts);
  file.facts = std::move(facts);
  std::vector<index::ProjectIndex::File> files;
  files.push_back(std::move(file));
  index::ProjectIndex project(std::move(files), catalog);
  index::Summaries summaries(project);
  rules::RuleOptions options;
  rules::pool::ProjectConfig pool_config(project);
  rules::RuleContext context{project, summaries, options, pool_config};
  std::size_t findings = 0;
  for (const auto& rule : rules) {
    std::vector<Finding> found;
    rule->check(context, found);
    findings += found.size();
  }
  return findings;
}

}  // namespace connlint::fuzz
