#include "driver/shard.h"

#include <charconv>
#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "driver/facts_cache.h"
#include "facts/serialize.h"
#include "version.h"

namespace connlint {

namespace {

// The first line names the format; a reader refuses anything else (another tool's file, an older connlint).
constexpr std::string_view kMagic = "connlint-shard-facts 1\n";

using nlohmann::json;

json location_json(const Location& l) { return {l.path, l.line, l.column, l.end_line, l.end_column}; }

Location location_from(const json& j) {
  if (!j.is_array() || j.size() != 5) throw std::runtime_error("bad location");
  return {j[0].get<std::string>(), j[1].get<std::uint32_t>(), j[2].get<std::uint32_t>(), j[3].get<std::uint32_t>(),
          j[4].get<std::uint32_t>()};
}

json related_json(const std::vector<RelatedLocation>& list) {
  json out = json::array();
  for (const auto& r : list) out.push_back({location_json(r.location), r.message});
  return out;
}

std::vector<RelatedLocation> related_from(const json& j) {
  std::vector<RelatedLocation> out;
  for (const auto& r : j) out.push_back({location_from(r.at(0)), r.at(1).get<std::string>()});
  return out;
}

// C/C++ findings as the Clang half produced them (before the driver's project-wide adjustments).
json cpp_json(const CppAnalysisResult& cpp) {
  json findings = json::array();
  for (const auto& f : cpp.findings) {
    json j = {{"rule", f.rule_id},
              {"level", std::string(to_string(f.level))},
              {"message", f.message},
              {"help", f.help},
              {"location", location_json(f.location)},
              {"related", related_json(f.related)},
              {"function", f.enclosing_function},
              {"flow", related_json(f.flow)}};
    if (f.level_override) j["levelOverride"] = std::string(to_string(*f.level_override));
    findings.push_back(std::move(j));
  }
  json notices = json::array();
  for (const auto& n : cpp.notices) notices.push_back({n.path, n.message});
  return {{"findings", findings}, {"notices", notices}, {"analysed", cpp.analysed}, {"failed", cpp.failed}};
}

Level level_from(const json& j) {
  auto level = parse_level(j.get<std::string>());
  if (!level) throw std::runtime_error("bad level");
  return *level;
}

CppAnalysisResult cpp_from(const json& j) {
  CppAnalysisResult cpp;
  for (const auto& f : j.at("findings")) {
    Finding finding;
    finding.rule_id = f.at("rule").get<std::string>();
    finding.level = level_from(f.at("level"));
    finding.message = f.at("message").get<std::string>();
    finding.help = f.at("help").get<std::string>();
    finding.location = location_from(f.at("location"));
    finding.related = related_from(f.at("related"));
    finding.enclosing_function = f.at("function").get<std::string>();
    finding.flow = related_from(f.at("flow"));
    if (f.contains("levelOverride")) finding.level_override = level_from(f.at("levelOverride"));
    cpp.findings.push_back(std::move(finding));
  }
  for (const auto& n : j.at("notices")) cpp.notices.push_back({n.at(0).get<std::string>(), n.at(1).get<std::string>()});
  cpp.analysed = j.at("analysed").get<std::vector<std::string>>();
  cpp.failed = j.at("failed").get<std::size_t>();
  return cpp;
}

void put_u64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

struct Reader {
  std::string_view bytes;
  std::size_t at = 0;
  std::uint64_t u64() {
    if (bytes.size() - at < 8) throw std::runtime_error("truncated");
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
    at += 8;
    return v;
  }
  std::string_view bytes_of(std::uint64_t n) {
    if (n > bytes.size() - at) throw std::runtime_error("truncated");
    std::string_view out = bytes.substr(at, n);
    at += n;
    return out;
  }
};

}  // namespace

std::optional<ShardSpec> parse_shard(std::string_view text) {
  auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  unsigned k = 0, n = 0;
  auto a = std::from_chars(text.data(), text.data() + slash, k);
  auto b = std::from_chars(text.data() + slash + 1, text.data() + text.size(), n);
  if (a.ec != std::errc() || a.ptr != text.data() + slash || b.ec != std::errc() ||
      b.ptr != text.data() + text.size() || k < 1 || n < 1 || k > n)
    return std::nullopt;
  return ShardSpec{k - 1, n};
}

unsigned shard_of(const std::string& path, unsigned count) {
  return static_cast<unsigned>(hash_bytes(path, 0x5eed) % count);
}

std::uint64_t content_hash(std::string_view content) { return hash_bytes(content, 0xc0ffee); }

std::string encode_shard_file(const ShardFile& shard) {
  json header = {{"tool", std::string("connlint ") + CONNLINT_VERSION},
                 {"factsFormat", facts::kFactsFormatVersion},
                 {"shard", shard.shard.index + 1},
                 {"shards", shard.shard.count},
                 {"paths", shard.paths},
                 {"files", shard.files.size()}};
  if (shard.cpp) header["cpp"] = cpp_json(*shard.cpp);
  std::string out(kMagic);
  std::string header_text = header.dump();
  put_u64(out, header_text.size());
  out += header_text;
  for (const auto& f : shard.files) {
    put_u64(out, f.path.size());
    out += f.path;
    put_u64(out, f.content_hash);
    put_u64(out, f.facts.size());
    out += f.facts;
  }
  return out;
}

ShardFile decode_shard_file(std::string_view bytes) {
  if (bytes.substr(0, kMagic.size()) != kMagic) throw std::runtime_error("not a connlint shard facts file");
  Reader r{bytes, kMagic.size()};
  ShardFile shard;
  std::size_t count = 0;
  try {
    json header = json::parse(r.bytes_of(r.u64()));
    if (header.at("tool").get<std::string>() != std::string("connlint ") + CONNLINT_VERSION ||
        header.at("factsFormat").get<std::uint32_t>() != facts::kFactsFormatVersion)
      throw std::runtime_error("written by " + header.at("tool").get<std::string>() + "; merge with the same version");
    shard.shard.index = header.at("shard").get<unsigned>() - 1;
    shard.shard.count = header.at("shards").get<unsigned>();
    if (shard.shard.count == 0 || shard.shard.index >= shard.shard.count) throw std::runtime_error("bad shard number");
    shard.paths = header.at("paths").get<std::vector<std::string>>();
    count = header.at("files").get<std::size_t>();
    if (header.contains("cpp")) shard.cpp = cpp_from(header.at("cpp"));
  } catch (const json::exception& e) {
    throw std::runtime_error(std::string("bad header: ") + e.what());
  }
  for (std::size_t i = 0; i < count; ++i) {
    ShardFile::Entry e;
    e.path = std::string(r.bytes_of(r.u64()));
    e.content_hash = r.u64();
    e.facts = std::string(r.bytes_of(r.u64()));
    shard.files.push_back(std::move(e));
  }
  if (r.at != bytes.size()) throw std::runtime_error("trailing bytes");
  return shard;
}

void PrecomputedFacts::add(ShardFile&& shard) {
  for (auto& f : shard.files) files_.try_emplace(f.path, std::move(f));
  if (shard.cpp) cpp_ = std::move(shard.cpp);
}

std::optional<facts::FileFacts> PrecomputedFacts::get(const std::string& path, std::string_view content) const {
  auto it = files_.find(path);
  if (it == files_.end() || it->second.content_hash != content_hash(content)) return std::nullopt;
  try {
    return facts::deserialize(it->second.facts);
  } catch (const facts::CorruptFacts&) {
    return std::nullopt;  // parsed again
  }
}

}  // namespace connlint
