#pragma once
// FactList<T>: the list type of the lists inside facts (a call's arguments, a symbol's values, a function's
// parameters). It reads and grows like a std::vector, but is 8 bytes instead of 24: one pointer to a heap block
// that starts with the size and capacity, and no block at all when empty (most lists are). A 2M-line project keeps
// about 1.5 million of these lists (two per call, two per symbol, three per function), all held until the rules
// have run, so the 16 bytes matter: together about 50 MB of the peak memory on the 8,000-file benchmark corpus.
// Inside an ArenaScope the block comes from the file's Arena (facts/arena.h) instead of the heap; the header
// remembers which, so that only heap blocks are freed.
#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <new>
#include <span>
#include <stdexcept>
#include <utility>
#include <type_traits>
#include <vector>

#include "facts/arena.h"

namespace connlint::facts {

template <typename T>
class FactList {
  static_assert(alignof(T) <= 8, "elements follow an 8-byte header");

 public:
  using value_type = T;
  using size_type = std::size_t;
  using iterator = T*;
  using const_iterator = const T*;
  using reference = T&;
  using const_reference = const T&;

  FactList() = default;
  FactList(const FactList& other) { append(other.begin(), other.end()); }
  FactList(FactList&& other) noexcept : header_(std::exchange(other.header_, nullptr)) {}
  FactList(std::initializer_list<T> items) { append(items.begin(), items.end()); }
  FactList(const std::vector<T>& items) { append(items.begin(), items.end()); }  // NOLINT: reads like a vector
  FactList(std::vector<T>&& items) {                                            // NOLINT
    reserve(items.size());
    for (auto& item : items) push_back(std::move(item));
  }
  ~FactList() { release(); }

  FactList& operator=(const FactList& other) {
    if (this != &other) {
      clear();
      append(other.begin(), other.end());
    }
    return *this;
  }
  FactList& operator=(FactList&& other) noexcept {
    if (this != &other) {
      release();
      header_ = std::exchange(other.header_, nullptr);
    }
    return *this;
  }

  std::size_t size() const { return header_ ? header_->size : 0; }
  std::size_t capacity() const { return header_ ? header_->capacity : 0; }
  bool in_arena() const { return header_ && header_->in_arena; }
  bool empty() const { return size() == 0; }

  T* data() { return header_ ? reinterpret_cast<T*>(header_ + 1) : nullptr; }
  const T* data() const { return header_ ? reinterpret_cast<const T*>(header_ + 1) : nullptr; }
  T* begin() { return data(); }
  T* end() { return data() + size(); }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size(); }
  T& operator[](std::size_t i) { return data()[i]; }
  const T& operator[](std::size_t i) const { return data()[i]; }
  T& front() { return data()[0]; }
  const T& front() const { return data()[0]; }
  T& back() { return data()[size() - 1]; }
  const T& back() const { return data()[size() - 1]; }

  operator std::span<const T>() const { return {data(), size()}; }  // NOLINT: passes where a span is taken

  void push_back(const T& item) { emplace_back(item); }
  void push_back(T&& item) { emplace_back(std::move(item)); }
  template <typename... Args>
  T& emplace_back(Args&&... args) {
    if (size() == capacity()) {
      // Built first: the arguments may refer to an element, which growing moves.
      T item(std::forward<Args>(args)...);
      grow(size() + 1);
      return *new (end_slot()) T(std::move(item));
    }
    return *new (end_slot()) T(std::forward<Args>(args)...);
  }

  void reserve(std::size_t n) {
    if (n > capacity()) reallocate(n);
  }
  void resize(std::size_t n) {
    while (size() > n) pop_back();
    reserve(n);
    while (size() < n) emplace_back();
  }
  void pop_back() {
    back().~T();
    --header_->size;
  }
  void clear() {
    while (!empty()) pop_back();
  }
  void shrink_to_fit() {
    if (empty())
      release();
    else if (capacity() > size())
      reallocate(size());
  }
  // Moves the elements into an exactly sized block of the current arena (when there is one and they are not in an
  // arena already).
  void compact() {
    if (empty())
      release();
    else if (ArenaScope::current() && !in_arena())
      reallocate(size());
  }
  T* insert(const T* position, const T& item) {
    T copy(item);  // `item` may be an element, which inserting moves
    return insert(position, &copy, &copy + 1);
  }
  template <typename It>
  T* insert(const T* position, It first, It last) {
    std::size_t at = static_cast<std::size_t>(position - begin());
    std::vector<T> items(std::make_move_iterator(begin()), std::make_move_iterator(end()));
    items.insert(items.begin() + static_cast<std::ptrdiff_t>(at), first, last);
    clear();
    reserve(items.size());
    for (auto& item : items) push_back(std::move(item));
    return begin() + at;
  }

  friend bool operator==(const FactList& a, const FactList& b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

 private:
  struct Header {
    std::uint32_t size = 0;
    std::uint32_t capacity : 31 = 0;
    std::uint32_t in_arena : 1 = 0;  // the block belongs to an Arena: never freed on its own
  };
  static_assert(sizeof(Header) == 8);

  T* end_slot() {
    T* slot = data() + header_->size;
    ++header_->size;
    return slot;
  }
  void grow(std::size_t at_least) { reallocate(std::max<std::size_t>(at_least, capacity() < 2 ? 2 : capacity() * 2)); }
  void reallocate(std::size_t capacity) {
    if (capacity >= (1u << 31)) throw std::length_error("FactList: more than 2^31 elements");
    std::size_t bytes = sizeof(Header) + capacity * sizeof(T);
    Arena* arena = ArenaScope::current();
    auto* fresh = static_cast<Header*>(arena ? arena->allocate(bytes) : ::operator new(bytes));
    fresh->size = 0;
    fresh->capacity = static_cast<std::uint32_t>(capacity);
    fresh->in_arena = arena != nullptr;
    T* to = reinterpret_cast<T*>(fresh + 1);
    for (T& item : *this) new (to + fresh->size++) T(std::move(item));
    release();
    header_ = fresh;
  }
  void release() {
    if (!header_) return;
    if constexpr (std::is_trivially_destructible_v<T>)
      header_->size = 0;
    else
      clear();
    if (!header_->in_arena) ::operator delete(header_);
    header_ = nullptr;
  }
  template <typename It>
  void append(It first, It last) {
    reserve(size() + static_cast<std::size_t>(std::distance(first, last)));
    for (; first != last; ++first) push_back(*first);
  }

  Header* header_ = nullptr;
};

}  // namespace connlint::facts
