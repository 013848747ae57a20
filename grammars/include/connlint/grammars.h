// Tree-sitter languages built into connlint (see grammars/pins.cmake for the pinned versions).
#pragma once

#include <tree_sitter/api.h>

#ifdef __cplusplus
extern "C" {
#endif

const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);
const TSLanguage *tree_sitter_javascript(void);

#ifdef __cplusplus
}
#endif
