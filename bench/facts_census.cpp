// What the facts of a corpus weigh in memory, by kind: reads a facts file (`connlint check --shard 1/1 --facts-out
// FILE`), decodes every file's facts and prints, for each list in FileFacts, how many elements the corpus holds and
// the bytes they take (element size times count, plus what they own on the heap). Guides the work on peak memory
// (docs/performance.md): measure which facts are heavy before making them smaller.
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "driver/shard.h"
#include "facts/serialize.h"

namespace {

using namespace connlint::facts;

struct Tally {
  std::size_t count = 0;
  std::size_t bytes = 0;
};

template <typename T>
std::size_t vec_bytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

template <typename T>
std::size_t vec_bytes(const FactList<T>& v) {
  return v.capacity() ? 8 + v.capacity() * sizeof(T) : 0;  // the header, then the elements
}

std::size_t str_bytes(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: connlint_facts_census FACTS_FILE\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  connlint::ShardFile shard = connlint::decode_shard_file(buffer.str());
  std::map<std::string, Tally> t;
  std::size_t encoded = 0, arenas = 0;
  for (const auto& entry : shard.files) {
    encoded += entry.facts.size();
    FileFacts f = deserialize(entry.facts);
    compact(f);
    arenas += f.arena ? f.arena->bytes_reserved() : 0;
    t["FileFacts"].count++;
    t["FileFacts"].bytes += sizeof(FileFacts) + str_bytes(f.path) + str_bytes(f.language);
    t["symbols"].count += f.symbols.size();
    t["symbols"].bytes += vec_bytes(f.symbols);
    for (const auto& s : f.symbols) {
      t["symbol.values"].count += s.values.size();
      t["symbol.values"].bytes += vec_bytes(s.values);
      t["symbol.reads"].count += s.reads.size();
      t["symbol.reads"].bytes += vec_bytes(s.reads);
    }
    t["exports"].count += f.exports.size();
    t["exports"].bytes += vec_bytes(f.exports);
    t["functions"].count += f.functions.size();
    t["functions"].bytes += vec_bytes(f.functions);
    for (const auto& fn : f.functions) {
      t["function.lists"].count += fn.decorators.size() + fn.params.size() + fn.returns.size();
      t["function.lists"].bytes += vec_bytes(fn.decorators) + vec_bytes(fn.params) + vec_bytes(fn.returns);
    }
    t["classes"].count += f.classes.size();
    t["classes"].bytes += vec_bytes(f.classes);
    for (const auto& c : f.classes) {
      t["class.fields"].count += c.fields.size();
      t["class.fields"].bytes += vec_bytes(c.fields) + vec_bytes(c.decorators);
      for (const auto& field : c.fields) t["class.fields"].bytes += vec_bytes(field.values);
    }
    t["loops"].count += f.loops.size();
    t["loops"].bytes += vec_bytes(f.loops);
    for (const auto& l : f.loops) t["loops"].bytes += vec_bytes(l.exit_symbols);
    t["calls"].count += f.calls.size();
    t["calls"].bytes += vec_bytes(f.calls);
    for (const auto& c : f.calls) {
      t["call.args"].count += c.args.size();
      t["call.args"].bytes += vec_bytes(c.args);
      for (const auto& a : c.args)
        if (a.object) {
          const ObjectProps& p = *a.object;
          t["call.arg.objects"].count++;
          t["call.arg.objects"].bytes += sizeof(ObjectProps) + 16 /* shared_ptr control block */ +
                                         vec_bytes(p.numeric_props) + vec_bytes(p.prop_spans) +
                                         vec_bytes(p.bool_props) + vec_bytes(p.props_values) +
                                         vec_bytes(p.prop_names);
        }
      t["call.strings"].count += c.strings.size();
      t["call.strings"].bytes += vec_bytes(c.strings);
      for (const auto& s : c.strings) t["call.strings"].bytes += str_bytes(s.text);
    }
    t["global_stores"].count += f.global_stores.size();
    t["global_stores"].bytes += vec_bytes(f.global_stores);
    t["other lists"].bytes += vec_bytes(f.required_modules) + vec_bytes(f.connection_urls) + vec_bytes(f.notices);
  }
  std::size_t total = 0;
  for (const auto& [name, tally] : t) total += tally.bytes;
  std::printf("%zu files, %.1f MiB encoded, %.1f MiB decoded (malloc overhead not counted)\n", shard.files.size(),
              encoded / 1048576.0, total / 1048576.0);
  std::printf("arenas reserve %.1f MiB for the lists (included above, as the lists' own sizes)\n", arenas / 1048576.0);
  std::printf("%-18s %12s %10s %8s\n", "kind", "count", "MiB", "share");
  for (const auto& [name, tally] : t)
    std::printf("%-18s %12zu %10.1f %7.1f%%\n", name.c_str(), tally.count, tally.bytes / 1048576.0,
                100.0 * tally.bytes / total);
  std::printf("sizeof: Symbol %zu, Call %zu, Argument %zu, ValueRef %zu, Function %zu, Loop %zu, Span %zu\n",
              sizeof(Symbol), sizeof(Call), sizeof(Argument), sizeof(ValueRef), sizeof(Function), sizeof(Loop),
              sizeof(Span));
}
