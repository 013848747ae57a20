#include "ts/node_util.h"

#include <map>
#include <mutex>
#include <utility>

namespace connlint::ts {

const std::vector<bool>& symbols_named(const TSLanguage* language, const char* const* names, std::size_t count) {
  static std::mutex mutex;
  static std::map<std::pair<const TSLanguage*, const char* const*>, std::vector<bool>> tables;
  std::lock_guard lock(mutex);
  auto [it, added] = tables.try_emplace({language, names});
  if (added) {
    std::uint32_t symbols = ts_language_symbol_count(language);
    it->second.assign(symbols, false);
    for (std::uint32_t symbol = 0; symbol < symbols; ++symbol) {
      const char* name = ts_language_symbol_name(language, static_cast<TSSymbol>(symbol));
      for (std::size_t i = 0; name && i < count; ++i)
        if (std::strcmp(name, names[i]) == 0) it->second[symbol] = true;
    }
  }
  return it->second;  // std::map never moves its values
}

}  // namespace connlint::ts
