// Compiles the installed grammar; see grammar.go.
//
// The grammar's scanner aligns junction lists and proof steps by the column
// the runtime's lexer reports, which counts a tab as one column. SANY (and
// every TLA+ reader) puts tab stops every 8 columns, so a list indented with
// tabs on one line and spaces on the next is one list to SANY. The scan
// function is wrapped to give the scanner tab-expanded columns.
#define tree_sitter_tlaplus_external_scanner_scan tlals_grammar_scan
#include "node_modules/@tlaplus/tree-sitter-tlaplus/src/scanner.c"
#undef tree_sitter_tlaplus_external_scanner_scan

// tlals_runtime_lexer mirrors the start of the runtime's Lexer (tree-sitter
// lib/src/lexer.h, as vendored by the go-tree-sitter version in go.mod): the
// TSLexer the scanner sees is its first field. Only read, and only after
// the checks in tab_column.
typedef struct {
  int32_t lookahead;
  TSSymbol result_symbol;
  void *advance, *mark_end, *get_column, *is_at_included_range_start, *eof;
  struct { uint32_t bytes, row, column; } current_position, token_start_position, token_end_position;
  void *included_ranges;
  const char *chunk;
  struct { void *payload; void *read; int encoding; } input;
  struct { void *payload; void *log; } logger;
  uint32_t included_range_count, current_included_range_index, chunk_start, chunk_size;
} tlals_runtime_lexer;

static _Thread_local uint32_t (*runtime_get_column)(TSLexer *);

// tab_column is the column of the lexer's position with tab stops every 8
// columns. It falls back to the runtime's count when the line is not in
// the lexer's chunk or the count of code points disagrees with the
// runtime's (a layout the mirror above does not match).
static uint32_t tab_column(TSLexer *lexer) {
  uint32_t n = runtime_get_column(lexer);
  const tlals_runtime_lexer *rl = (const tlals_runtime_lexer *)lexer;
  uint32_t pos = rl->current_position.bytes;
  uint32_t width = rl->current_position.column;
  if (width > pos || rl->chunk == NULL) return n;
  uint32_t line = pos - width;
  if (line < rl->chunk_start || pos > rl->chunk_start + rl->chunk_size) return n;
  const unsigned char *s = (const unsigned char *)rl->chunk + (line - rl->chunk_start);
  uint32_t col = 0, points = 0;
  for (uint32_t i = 0; i < width; i++) {
    unsigned char c = s[i];
    if ((c & 0xC0) == 0x80) continue; // a UTF-8 continuation byte
    points++;
    col = c == '\t' ? (col / 8 + 1) * 8 : col + 1;
  }
  return points == n ? col : n;
}

bool tree_sitter_tlaplus_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid_symbols) {
  uint32_t (*orig)(TSLexer *) = lexer->get_column;
  runtime_get_column = orig;
  lexer->get_column = tab_column;
  bool found = tlals_grammar_scan(payload, lexer, valid_symbols);
  lexer->get_column = orig;
  return found;
}
