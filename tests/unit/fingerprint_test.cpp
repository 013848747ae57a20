#include "report/fingerprint.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace {

using connlint::report::LineHashes;

std::vector<std::string> all_hashes(std::string_view content) {
  const LineHashes hashes(content);
  std::vector<std::string> out;
  for (std::size_t line = 1; line <= hashes.line_count(); ++line) out.push_back(hashes.for_line(line));
  return out;
}

std::string repeat(std::string_view s, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += s;
  return out;
}

// The hash of the line just past a trailing newline (and of an empty file): the window holds only the EOF
// sentinel and zero padding.
constexpr const char* kEmptyLastLine = "c129715d7a2bc9a3:1";

// --- Vectors from github/codeql-action src/fingerprints.test.ts, test "hash" (testHash calls). ---

TEST(FingerprintCodeqlAction, EmptyFile) {
  EXPECT_EQ(all_hashes(""), (std::vector<std::string>{kEmptyLastLine}));
}

TEST(FingerprintCodeqlAction, LeadingAndMixedWhitespace) {
  EXPECT_EQ(all_hashes(" a\nb\n  \t\tc\n d"), (std::vector<std::string>{
                                                   "271789c17abda88f:1",
                                                   "54703d4cd895b18:1",
                                                   "180aee12dab6264:1",
                                                   "a23a3dc5e078b07b:1",
                                               }));
}

TEST(FingerprintCodeqlAction, NoTrailingNewline) {
  EXPECT_EQ(all_hashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End"), (std::vector<std::string>{
                                                                                "8b7cf3e952e7aeb2:1",
                                                                                "b1ae1287ec4718d9:1",
                                                                                "bff680108adb0fcc:1",
                                                                                "c6805c5e1288b612:1",
                                                                                "b86d3392aea1be30:1",
                                                                                "e6ceba753e1a442:1",
                                                                            }));
}

// The same text with LF, CR, CRLF and mixed line endings: codeql-action expects identical hashes for all four.
TEST(FingerprintCodeqlAction, LineEndingsLfCrCrlfMixed) {
  const std::vector<std::string> expected = {
      "e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
      "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", kEmptyLastLine,
  };
  EXPECT_EQ(all_hashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n"), expected);
  EXPECT_EQ(all_hashes(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r"), expected);
  EXPECT_EQ(all_hashes(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n"), expected);
  EXPECT_EQ(all_hashes(" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n"), expected);
}

TEST(FingerprintCodeqlAction, RepeatedLinesGetIncreasingCounts) {
  EXPECT_EQ(all_hashes(repeat("Lorem ipsum dolor sit amet.\n", 10)), (std::vector<std::string>{
                                                                         "a7f2ff13bc495cf2:1",
                                                                         "a7f2ff13bc495cf2:2",
                                                                         "a7f2ff13bc495cf2:3",
                                                                         "a7f2ff13bc495cf2:4",
                                                                         "a7f2ff13bc495cf2:5",
                                                                         "a7f2ff13bc495cf2:6",
                                                                         "a7f2ff1481e87703:1",
                                                                         "a9cf91f7bbf1862b:1",
                                                                         "55ec222b86bcae53:1",
                                                                         "cc97dc7b1d7d8f7b:1",
                                                                         kEmptyLastLine,
                                                                     }));
}

TEST(FingerprintCodeqlAction, RepeatedShortLinesInContext) {
  EXPECT_EQ(all_hashes("x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n"), (std::vector<std::string>{
                                                                                        "e54938cc54b302f1:1",
                                                                                        "bb609acbe9138d60:1",
                                                                                        "1131fd5871777f34:1",
                                                                                        "5c482a0f8b35ea28:1",
                                                                                        "54517377da7028d2:1",
                                                                                        "2c644846cb18d53e:1",
                                                                                        "f1b89f20de0d133:1",
                                                                                        kEmptyLastLine,
                                                                                    }));
}

// --- Vectors from github/codeql-action src/fingerprints.test.ts, test "addFingerprints": the expected
// primaryLocationLineHash values in src/testdata/fingerprinting.expected.sarif, for the source files
// src/testdata/testFile1.js (result at startLine 1) and src/testdata/testFile2.js (result at startLine 2),
// reproduced here byte for byte. (Test "missingRegions" / fingerprinting2.*.sarif has a result without a region,
// which addFingerprints skips, so it yields no hash vector.)

TEST(FingerprintCodeqlAction, FixtureTestFile1Line1) {
  const LineHashes hashes("var a = 0;\nvar b = 0;\nvar c = 0;\nvar d = 0;\n");
  EXPECT_EQ(hashes.for_line(1), "5e4d5a9cf1294ad9:1");
  EXPECT_EQ(hashes.line_count(), 5U);
}

TEST(FingerprintCodeqlAction, FixtureTestFile2Line2) {
  const LineHashes hashes("var foo = 0;\nvar bar = 0;\nvar baz = 0;\nvar qux = 0;\n");
  EXPECT_EQ(hashes.for_line(2), "f7592a95a9381ac0:1");
  EXPECT_EQ(hashes.line_count(), 5U);
}

// --- Our own properties of the algorithm (no codeql-action vector; they follow from fingerprints.ts). ---

TEST(Fingerprint, HexIsNotZeroPadded) {
  // JavaScript's toString(16) drops leading zeros: codeql-action's own vectors include 15-digit hashes.
  const LineHashes hashes(" a\nb\n  \t\tc\n d");
  EXPECT_EQ(hashes.for_line(2), "54703d4cd895b18:1");
  EXPECT_EQ(hashes.for_line(2).find(':'), 15U);
}

TEST(Fingerprint, OutOfRangeLinesAreEmpty) {
  const LineHashes empty("");
  EXPECT_EQ(empty.line_count(), 1U);
  EXPECT_EQ(empty.for_line(0), "");
  EXPECT_EQ(empty.for_line(1), kEmptyLastLine);
  EXPECT_EQ(empty.for_line(2), "");

  const LineHashes two("a\nb");
  EXPECT_EQ(two.line_count(), 2U);
  EXPECT_EQ(two.for_line(3), "");
  EXPECT_EQ(two.for_line(static_cast<std::size_t>(-1)), "");
}

TEST(Fingerprint, LineCountMatchesSplitOnCrLfCrLf) {
  // codeql-action's testHash checks the callback count against input.split(/\r\n|\r|\n/).length.
  EXPECT_EQ(LineHashes("a").line_count(), 1U);
  EXPECT_EQ(LineHashes("a\n").line_count(), 2U);
  EXPECT_EQ(LineHashes("\n").line_count(), 2U);
  EXPECT_EQ(LineHashes("\r\n").line_count(), 2U);
  EXPECT_EQ(LineHashes("\n\r").line_count(), 3U);
  EXPECT_EQ(LineHashes("\r\r\n").line_count(), 3U);
  EXPECT_EQ(LineHashes("a\r \nb").line_count(), 3U);  // a space between CR and LF: two line breaks
  EXPECT_EQ(LineHashes("   \t").line_count(), 1U);
}

TEST(Fingerprint, CrlfAndLfFilesHashIdentically) {
  const std::string lf = "int main() {\n  return 0;\n}\n\n// trailing\n";
  std::string crlf;
  std::string cr;
  for (const char c : lf) {
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    cr += c == '\n' ? '\r' : c;
  }
  EXPECT_EQ(all_hashes(crlf), all_hashes(lf));
  EXPECT_EQ(all_hashes(cr), all_hashes(lf));
  EXPECT_EQ(all_hashes(lf).size(), 6U);
}

TEST(Fingerprint, RepeatedIdenticalLinesCountUp) {
  // 300 identical lines: every line whose 100-character window lies wholly inside the repetition hashes the
  // same, and n counts 1, 2, 3, ...; the last few lines see the end of the file and differ.
  const std::string line = "foo(bar);\n";  // 10 non-blank characters
  const auto hashes = all_hashes(repeat(line, 300));
  ASSERT_EQ(hashes.size(), 301U);
  const std::string base = hashes[0].substr(0, hashes[0].find(':'));
  for (std::size_t i = 0; i < 291; ++i) EXPECT_EQ(hashes[i], base + ":" + std::to_string(i + 1)) << "line " << i + 1;
  for (std::size_t i = 291; i < 301; ++i) EXPECT_NE(hashes[i].substr(0, hashes[i].find(':')), base) << "line " << i + 1;
  EXPECT_EQ(hashes[300], kEmptyLastLine);
}

TEST(Fingerprint, DuplicateCountIsPerHashValueAcrossTheFile) {
  // n counts every earlier line in the file with the same hash, not just adjacent ones. Lines longer than the
  // 100-character window hash the same wherever they are, whatever follows them.
  const std::string long_line = "static_assert(" + std::string(120, 'k') + ");";
  const LineHashes hashes(long_line + "\nint a;\n" + long_line + "\nint b;\n\n" + long_line + "\n");
  ASSERT_EQ(hashes.line_count(), 7U);
  const std::string first = hashes.for_line(1);
  const std::string base = first.substr(0, first.find(':'));
  EXPECT_EQ(first, base + ":1");
  EXPECT_EQ(hashes.for_line(3), base + ":2");
  EXPECT_EQ(hashes.for_line(6), base + ":3");
  EXPECT_NE(hashes.for_line(2).substr(0, hashes.for_line(2).find(':')), base);
  EXPECT_EQ(hashes.for_line(7), kEmptyLastLine);
}

TEST(Fingerprint, OnlySpacesAndTabsAreIgnored) {
  const auto compact = all_hashes("intx=1;\nreturnx;\n");
  EXPECT_EQ(all_hashes("int x = 1;\nreturn x;\n"), compact);
  EXPECT_EQ(all_hashes("\t\tint  x\t=  1 ;   \n  return\tx;\t\n"), compact);
  EXPECT_EQ(all_hashes("int x = 1;\n   return x;\n      "), compact);  // trailing blanks on the last line
  // Other whitespace is significant: form feed, vertical tab, NBSP.
  EXPECT_NE(all_hashes("int\fx=1;\nreturnx;\n"), compact);
  EXPECT_NE(all_hashes("int\vx=1;\nreturnx;\n"), compact);
  EXPECT_NE(all_hashes("int\xc2\xa0x=1;\nreturnx;\n"), compact);
  // Blank lines are not ignored: they are lines of their own and shift the next lines' windows.
  EXPECT_NE(all_hashes("intx=1;\n\nreturnx;\n")[0], compact[0]);
}

TEST(Fingerprint, WindowIsOneHundredNonBlankCharacters) {
  const std::string first100(100, 'a');
  // Line 1 is longer than 100 characters; only its first 100 non-blank characters count.
  const LineHashes a(first100 + "XXXX\nsecond\n");
  const LineHashes b(first100 + "YYYYYYYY\nother\n");
  EXPECT_EQ(a.for_line(1), b.for_line(1));
  EXPECT_NE(a.for_line(2), b.for_line(2));
  // Blanks don't take up room in the window, so the 100 are counted after dropping them.
  const LineHashes spaced(std::string("  ") + repeat("a ", 100) + "\tZZZ\n");
  EXPECT_EQ(spaced.for_line(1), a.for_line(1));
  // A difference at the 100th non-blank character changes the hash; at the 101st it doesn't.
  EXPECT_NE(LineHashes(std::string(99, 'a') + "b").for_line(1), LineHashes(std::string(100, 'a')).for_line(1));
  EXPECT_EQ(LineHashes(std::string(100, 'a') + "b").for_line(1), LineHashes(std::string(100, 'a') + "c").for_line(1));
  // A short line's window runs on into the following lines (the newline itself is one of the 100).
  EXPECT_NE(LineHashes("x;\ny;\n").for_line(1), LineHashes("x;\nz;\n").for_line(1));
  EXPECT_EQ(LineHashes("x;\n" + std::string(97, 'q') + "1").for_line(1),
            LineHashes("x;\n" + std::string(97, 'q') + "2").for_line(1));
}

// Non-ASCII input. Node reads the file as UTF-8 and the hash sees UTF-16 code units: a BOM stays, a character
// outside the BMP is two units, and each maximal invalid UTF-8 subpart becomes U+FFFD. These expected values
// were produced by running a direct JavaScript transliteration of codeql-action's hash() under Node 20 on the
// same bytes (they are not in codeql-action's tests).
TEST(Fingerprint, Utf8AsNodeDecodesIt) {
  EXPECT_EQ(all_hashes("\xef\xbb\xbfint x;\n// caf\xc3\xa9 \xf0\x9f\x98\x80\nbad \xe0\x80 \xed\xa0\x80 \xc3"),
            (std::vector<std::string>{
                "ca9732dd7199af27:1",
                "df41dfbe15f7aadc:1",
                "9da61ef82bc50b80:1",
            }));
  EXPECT_EQ(all_hashes("a\fb\nc\xc2\xa0" "d\n"), (std::vector<std::string>{
                                                     "6cec1efa79a21905:1",
                                                     "8247d0a667c452e8:1",
                                                     kEmptyLastLine,
                                                 }));
}

TEST(Fingerprint, EmbeddedNulIsACharacter) {
  const std::string with_nul("a\0b\n", 4);
  EXPECT_EQ(LineHashes(with_nul).line_count(), 2U);
  EXPECT_NE(LineHashes(with_nul).for_line(1), LineHashes("ab\n").for_line(1));
}

}  // namespace
