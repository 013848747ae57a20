// FactList and Arena (facts/fact_list.h, facts/arena.h): the list type every list inside facts uses. Its elements
// must be constructed and destroyed exactly once, whichever way the list grows, moves or is compacted into an arena.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "facts/fact_list.h"
#include "facts/file_facts.h"
#include "facts/serialize.h"

namespace {

using connlint::facts::Arena;
using connlint::facts::ArenaScope;
using connlint::facts::FactList;

// A non-trivial element that counts the live instances.
struct Counted {
  static inline int live = 0;
  std::string text;
  explicit Counted(std::string t = "") : text(std::move(t)) { ++live; }
  Counted(const Counted& o) : text(o.text) { ++live; }
  Counted(Counted&& o) noexcept : text(std::move(o.text)) { ++live; }
  Counted& operator=(const Counted&) = default;
  Counted& operator=(Counted&&) = default;
  ~Counted() { --live; }
  bool operator==(const Counted& o) const { return text == o.text; }
};

std::vector<std::string> texts(const FactList<Counted>& list) {
  std::vector<std::string> out;
  for (const auto& c : list) out.push_back(c.text);
  return out;
}

}  // namespace

TEST(FactList, IsOnePointerAndReadsLikeAVector) {
  EXPECT_EQ(sizeof(FactList<Counted>), sizeof(void*));
  FactList<int> ints;
  EXPECT_TRUE(ints.empty());
  for (int i = 0; i < 100; ++i) ints.push_back(i);
  ASSERT_EQ(ints.size(), 100u);
  EXPECT_EQ(ints.front(), 0);
  EXPECT_EQ(ints.back(), 99);
  EXPECT_EQ(ints[42], 42);
  std::vector<int> two{7, 8};
  FactList<int> small{1, 2, 3};
  small.insert(small.begin() + 1, two.begin(), two.end());
  EXPECT_EQ(std::vector<int>(small.begin(), small.end()), (std::vector<int>{1, 7, 8, 2, 3}));
  small.resize(2);
  EXPECT_EQ(std::vector<int>(small.begin(), small.end()), (std::vector<int>{1, 7}));
  FactList<int> from_vector = std::vector<int>{4, 5};
  EXPECT_EQ(from_vector, (FactList<int>{4, 5}));
}

TEST(FactList, ElementsLiveExactlyAsLongAsTheList) {
  Counted::live = 0;
  {
    FactList<Counted> list;
    for (int i = 0; i < 50; ++i) list.emplace_back(std::to_string(i));  // grows several times
    EXPECT_EQ(Counted::live, 50);
    list.push_back(list.front());  // an element of the list itself, while the list grows
    EXPECT_EQ(list.back().text, "0");
    list.insert(list.begin(), list[3]);  // the same, inserting
    EXPECT_EQ(list.front().text, "3");
    EXPECT_EQ(Counted::live, 52);
    FactList<Counted> copy = list;
    EXPECT_EQ(Counted::live, 104);
    FactList<Counted> moved = std::move(copy);
    EXPECT_EQ(Counted::live, 104);
    EXPECT_TRUE(copy.empty());  // NOLINT: moved-from lists are empty
    moved.resize(10);
    EXPECT_EQ(Counted::live, 62);
    moved = list;
    EXPECT_EQ(texts(moved), texts(list));
    moved.clear();
    moved.shrink_to_fit();
    EXPECT_EQ(moved.capacity(), 0u);
  }
  EXPECT_EQ(Counted::live, 0);
}

TEST(FactList, CompactMovesIntoTheArenaAndStillDestroysElements) {
  Counted::live = 0;
  auto arena = std::make_shared<Arena>();
  {
    FactList<Counted> list;
    for (int i = 0; i < 5; ++i) list.emplace_back(std::string(40, static_cast<char>('a' + i)));  // heap strings
    EXPECT_FALSE(list.in_arena());
    {
      ArenaScope scope(arena.get());
      list.compact();
    }
    EXPECT_TRUE(list.in_arena());
    EXPECT_EQ(list.capacity(), 5u);
    EXPECT_EQ(list[4].text, std::string(40, 'e'));
    EXPECT_GT(arena->bytes_reserved(), 0u);
    // Growing after the scope ended takes a heap block again; the arena block is simply left behind.
    list.emplace_back("f");
    EXPECT_FALSE(list.in_arena());
    EXPECT_EQ(Counted::live, 6);
  }
  EXPECT_EQ(Counted::live, 0);  // (ASan in CI also checks that the strings and heap blocks were freed)
}

TEST(FactList, DecodedFactsKeepTheirListsInTheirOwnArena) {
  connlint::facts::FileFacts facts;
  facts.path = "a.ts";
  facts.language = "typescript";
  facts.symbols.resize(2);
  facts.symbols[0].reads = {1};
  facts.calls.resize(1);
  facts.calls[0].args.resize(3);
  facts.calls[0].args[1].kind = connlint::facts::Argument::Kind::String;
  connlint::facts::FileFacts decoded = connlint::facts::deserialize(connlint::facts::serialize(facts));
  ASSERT_TRUE(decoded.arena);
  EXPECT_TRUE(decoded.calls[0].args.in_arena());
  EXPECT_TRUE(decoded.symbols[0].reads.in_arena());
  EXPECT_EQ(decoded.calls[0].args[1].kind, connlint::facts::Argument::Kind::String);
  connlint::facts::FileFacts copy = decoded;  // a copy shares the arena, and its lists are its own
  decoded = {};
  EXPECT_EQ(copy.calls[0].args.size(), 3u);
  EXPECT_EQ(copy.symbols[0].reads[0], 1);
}
