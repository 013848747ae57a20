#include "ts/tolerant_allocator.h"

#include <tree_sitter/api.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace connlint::ts {

namespace {

// Not a canonical x86-64/AArch64 address and even, so never a tree-sitter Subtree (a pointer, or inline data with
// the low bit set): the 16 bytes before an interior pointer into a children array can never look like a header.
constexpr std::uint64_t kTag = 0xC0DE'5A1E'0000'7E40ull;

struct alignas(16) Header {
  std::uint64_t tag;
  std::uint64_t size;
};

Header* header_of(void* p) { return static_cast<Header*>(p) - 1; }
bool tagged(void* p) { return header_of(p)->tag == kTag; }

void* tagged_malloc(std::size_t n) {
  auto* h = static_cast<Header*>(std::malloc(sizeof(Header) + n));
  if (!h) std::abort();  // out of memory: tree-sitter does not check for null either
  h->tag = kTag;
  h->size = n;
  return h + 1;
}

void* tagged_calloc(std::size_t count, std::size_t n) {
  if (n && count > SIZE_MAX / n) std::abort();
  void* p = tagged_malloc(count * n);
  std::memset(p, 0, count * n);
  return p;
}

void tagged_free(void* p) {
  if (!p || !tagged(p)) return;  // an interior pointer (see the header): leaked on purpose
  Header* h = header_of(p);
  h->tag = 0;
  std::free(h);
}

void* tagged_realloc(void* p, std::size_t n) {
  if (!p) return tagged_malloc(n);
  // tree-sitter only reallocates arrays it owns from their start; anything else would be the bug above spreading.
  if (!tagged(p)) std::abort();
  Header* h = header_of(p);
  h->tag = 0;
  auto* moved = static_cast<Header*>(std::realloc(h, sizeof(Header) + n));
  if (!moved) std::abort();
  moved->tag = kTag;
  moved->size = n;
  return moved + 1;
}

}  // namespace

void install_tolerant_allocator() {
  static std::once_flag once;
  std::call_once(once, [] { ts_set_allocator(tagged_malloc, tagged_calloc, tagged_realloc, tagged_free); });
}

}  // namespace connlint::ts
