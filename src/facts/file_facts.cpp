#include "facts/file_facts.h"

namespace connlint::facts {

void shrink_to_fit(FileFacts& facts) {
  for (auto& s : facts.symbols) {
    s.values.shrink_to_fit();
    s.reads.shrink_to_fit();
  }
  for (auto& f : facts.functions) {
    f.params.shrink_to_fit();
    f.returns.shrink_to_fit();
  }
  for (auto& c : facts.calls) {
    c.args.shrink_to_fit();
    c.strings.shrink_to_fit();
  }
  facts.symbols.shrink_to_fit();
  facts.exports.shrink_to_fit();
  facts.functions.shrink_to_fit();
  facts.classes.shrink_to_fit();
  facts.loops.shrink_to_fit();
  facts.calls.shrink_to_fit();
  facts.global_stores.shrink_to_fit();
  facts.required_modules.shrink_to_fit();
  facts.connection_urls.shrink_to_fit();
}

}  // namespace connlint::facts
