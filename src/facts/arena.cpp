#include "facts/arena.h"

#include <cstdlib>
#include <new>

namespace connlint::facts {

namespace {
// Small chunks, and a block of its own for a large list: what is left unused at the end of a file's last chunk is
// at most a few KiB (doubling chunks wasted a quarter of the lists' size).
constexpr std::size_t kChunk = 4 << 10;
constexpr std::size_t kOwnBlock = kChunk / 4;
}  // namespace

Arena::~Arena() {
  for (void* chunk : chunks_) std::free(chunk);
}

void* Arena::take_from_heap(std::size_t bytes) {
  void* block = std::malloc(bytes);
  if (!block) throw std::bad_alloc();
  chunks_.push_back(block);
  reserved_ += bytes;
  return block;
}

void Arena::reserve(std::size_t bytes) {
  bytes = (bytes + 7) & ~std::size_t{7};
  if (static_cast<std::size_t>(limit_ - cursor_) >= bytes) return;
  cursor_ = static_cast<char*>(take_from_heap(bytes));
  limit_ = cursor_ + bytes;
}

void* Arena::allocate(std::size_t bytes) {
  bytes = (bytes + 7) & ~std::size_t{7};
  if (static_cast<std::size_t>(limit_ - cursor_) < bytes) {
    if (bytes >= kOwnBlock) return take_from_heap(bytes);
    reserve(kChunk);
  }
  void* at = cursor_;
  cursor_ += bytes;
  return at;
}

}  // namespace connlint::facts
