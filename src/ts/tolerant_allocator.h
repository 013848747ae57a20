#pragma once

namespace connlint::ts {

// Debian's libtree-sitter 0.20.7 stores a node's child count in 16 bits (fixed upstream in 0.20.8, commit
// 67d13cf5): a node with more than 65535 children -- an ERROR node that swallows a 65536-deep parse stack, which
// 40,000 unclosed `(` or `a=a=a=...` without an end produce -- later frees a pointer into the middle of its
// children array, and glibc aborts the process. Reads stay inside the array (the count is only too small), so the
// one harmful operation is that free.
//
// This installs an allocator for tree-sitter that tags each block it hands out, frees only tagged block starts and
// ignores any other pointer: such a file leaks that one array instead of killing the run. Idempotent; call before
// the first parser is created.
void install_tolerant_allocator();

}  // namespace connlint::ts
