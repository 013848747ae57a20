#pragma once
// Arena: where one file's facts keep their lists (FactList blocks). The lists of a file are many and small (two per
// call, two per symbol), all made together and all freed together with the file's facts, so a bump allocator
// serves them: no per-block malloc header, no fragmentation, and freeing a file's facts frees a few chunks instead
// of thousands of blocks (which was a tenth of a warm run over 8,000 files).
//
// Lists are placed in an arena only inside an ArenaScope (the facts decoder, and the compaction at the end of
// extraction); everywhere else they use the heap. A block left behind when a list in an arena grows is not
// reused: lists are built on the heap and only copied into the arena once their size is final.
#include <cstddef>
#include <memory>
#include <vector>

namespace connlint::facts {

class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena();

  // `bytes` bytes aligned to 8, valid until the arena is destroyed.
  void* allocate(std::size_t bytes);
  // Makes room for `bytes` bytes of allocations in one block (when their total is known in advance).
  void reserve(std::size_t bytes);
  std::size_t bytes_reserved() const { return reserved_; }

 private:
  void* take_from_heap(std::size_t bytes);

  std::vector<void*> chunks_;
  char* cursor_ = nullptr;
  char* limit_ = nullptr;
  std::size_t reserved_ = 0;
};

// While alive, FactLists that allocate on this thread take their blocks from `arena` (nullptr: from the heap).
class ArenaScope {
 public:
  explicit ArenaScope(Arena* arena) : previous_(current_) { current_ = arena; }
  ~ArenaScope() { current_ = previous_; }
  ArenaScope(const ArenaScope&) = delete;
  ArenaScope& operator=(const ArenaScope&) = delete;

  static Arena* current() { return current_; }

 private:
  Arena* previous_;
  static inline thread_local Arena* current_ = nullptr;
};

}  // namespace connlint::facts
