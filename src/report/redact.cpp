#include "report/redact.h"

#include <algorithm>
#include <cctype>

#include "config/connection_url.h"

namespace connlint::report {

namespace {

// Messages are built masked by the rules; scrubbing them is the second line of defence. It only looks for texts that
// cannot be ordinary words of a message: at least 6 bytes with a digit, a symbol or mixed case (a development
// password such as `postgres` would otherwise turn `postgresql://` into `****ql://`).
constexpr std::size_t kMinScrubLength = 6;

bool distinctive(const std::string& s) {
  if (s.size() < kMinScrubLength) return false;
  bool lower = false, upper = false, other = false;
  for (unsigned char c : s) {
    if (std::islower(c)) lower = true;
    else if (std::isupper(c)) upper = true;
    else other = true;
  }
  return other || (lower && upper);
}

void replace_all(std::string& text, const std::string& needle) {
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + kMask.size()))
    text.replace(at, needle.size(), kMask);
}

}  // namespace

std::uint32_t MaskedLine::column(std::uint32_t original) const {
  std::int64_t shift = 0;
  for (const auto& c : cuts) {
    if (original >= c.end) {
      shift += static_cast<std::int64_t>(kMask.size()) - (c.end - c.begin);
    } else if (original > c.begin) {
      return static_cast<std::uint32_t>(c.begin + shift);  // inside a masked secret: its mask
    }
  }
  return static_cast<std::uint32_t>(std::max<std::int64_t>(1, original + shift));
}

MaskedLine mask_line(std::string_view line, const std::string& path, std::uint32_t line_no,
                     const std::vector<Location>& secrets) {
  MaskedLine out;
  for (const auto& s : secrets) {
    if (s.path != path || s.line > line_no || s.end_line < line_no) continue;
    std::uint32_t begin = s.line == line_no ? s.column : 1;
    std::uint32_t end = s.end_line == line_no ? s.end_column : static_cast<std::uint32_t>(line.size() + 1);
    if (begin < end && end <= line.size() + 1) out.cuts.push_back({begin, end});
  }
  std::sort(out.cuts.begin(), out.cuts.end(), [](const auto& a, const auto& b) { return a.begin < b.begin; });
  std::uint32_t at = 1;
  std::vector<MaskedLine::Cut> kept;
  for (const auto& c : out.cuts) {
    if (c.begin < at) continue;  // overlapping: already masked
    out.text += std::string(line.substr(at - 1, c.begin - at)) + std::string(kMask);
    at = c.end;
    kept.push_back(c);
  }
  out.text += std::string(line.substr(std::min<std::size_t>(at - 1, line.size())));
  out.cuts = std::move(kept);
  // Also any connection-URL password on the line that no front end recorded (a line of a file read some other way).
  out.text = config::mask_url_passwords(out.text);
  return out;
}

AnalysisResult scrub_secrets(const AnalysisResult& result,
                             const std::function<const SourceText*(const std::string&)>& source) {
  std::vector<std::string> texts;
  for (const auto& s : result.secrets) {
    const SourceText* src = source ? source(s.path) : nullptr;
    if (!src || s.line != s.end_line) continue;
    std::string_view line = src->line(s.line);
    if (s.column < 1 || s.end_column <= s.column || s.end_column - 1 > line.size()) continue;
    std::string raw(line.substr(s.column - 1, s.end_column - s.column));
    for (const std::string& text : {raw, config::percent_decode(raw)})
      if (distinctive(text)) texts.push_back(text);
  }
  AnalysisResult out = result;
  if (texts.empty()) return out;
  // Longest first, so that a secret containing another is replaced whole.
  std::sort(texts.begin(), texts.end());
  texts.erase(std::unique(texts.begin(), texts.end()), texts.end());
  std::stable_sort(texts.begin(), texts.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  auto scrub = [&](std::string& s) {
    for (const auto& t : texts) replace_all(s, t);
  };
  for (auto& f : out.findings) {
    scrub(f.message);
    scrub(f.help);
    scrub(f.suppression_reason);
    for (auto& r : f.related) scrub(r.message);
    for (auto& r : f.flow) scrub(r.message);
  }
  return out;
}

}  // namespace connlint::report
