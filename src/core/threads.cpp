#include "core/threads.h"

#include <pthread.h>

#include <vector>

namespace connlint {

namespace {

void* call(void* fn) {
  (*static_cast<const std::function<void()>*>(fn))();
  return nullptr;
}

}  // namespace

void run_on_threads(unsigned count, std::size_t stack_bytes, const std::function<void()>& fn) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, stack_bytes);
  std::vector<pthread_t> threads;
  for (unsigned i = 0; i < count; ++i) {
    pthread_t t;
    if (pthread_create(&t, &attr, call, const_cast<std::function<void()>*>(&fn)) != 0) break;
    threads.push_back(t);
  }
  pthread_attr_destroy(&attr);
  if (threads.empty()) fn();
  for (auto t : threads) pthread_join(t, nullptr);
}

}  // namespace connlint
