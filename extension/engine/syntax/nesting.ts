// How deep a parse tree goes, measured without recursion. The engine's tree
// walks recurse, so a file nested deeper than MAX_NESTING_DEPTH is refused as
// a whole (a typed syntax problem) before any of them runs. Python itself
// stops well short of it: 100 indentation levels, 200 nested brackets.
import type { Node as TreeSitterNode } from 'web-tree-sitter';
import { perStatement } from './perParse';
import type { SourceFile } from './sourceFile';

/**
 * Tree levels the engine accepts. The deepest recursive walker overflows
 * Node's default stack at a few thousand levels (test/hostile measures the
 * margin); this leaves room for the extension host's own frames.
 */
export const MAX_NESTING_DEPTH = 800;

/**
 * Where the first node deeper than MAX_NESTING_DEPTH levels below the root
 * starts, if any. Statement by statement, each statement's answer kept for the
 * parses that take it over: after an edit, and in a step's output, only the
 * statements that changed are looked at again.
 */
export function firstTooDeep(file: SourceFile): number | undefined {
  for (const statement of file.root.children) {
    const deep = statement ? tooDeepIn(file, statement) : undefined;
    if (statement && deep !== undefined) return statement.startIndex + deep;
  }
  return undefined;
}

/** In one top-level statement (one level below the root), from its start. */
const tooDeepIn = perStatement((file: SourceFile, statement): number | undefined => {
  const deep = firstOffsetDeeperThan(file.tree.sourceOf(statement), 1, MAX_NESTING_DEPTH);
  return deep === undefined ? undefined : deep - statement.startIndex;
});

/**
 * Where the first node below `top` (itself `depth` levels below the root)
 * deeper than `limit` levels below the root starts, if any. It walks
 * tree-sitter's own cursor: the plain copy of a tree this deep is what the
 * guard is there to avoid building. A subtree with too few nodes to reach
 * past the limit is not entered (tree-sitter keeps each subtree's count), so
 * a statement of ordinary functions costs one look.
 */
function firstOffsetDeeperThan(top: TreeSitterNode, depth: number, limit: number): number | undefined {
  const cursor = top.walk();
  try {
    for (;;) {
      // The node's count includes itself: its deepest descendant is at most that many levels, less one, below it.
      if (depth + cursor.currentNode.descendantCount - 1 > limit && cursor.gotoFirstChild()) {
        depth += 1;
        if (depth > limit) return cursor.startIndex;
        continue;
      }
      // The walk starts at `top`: it ends when the cursor is back there.
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return undefined;
        depth -= 1;
      }
    }
  } finally {
    cursor.delete();
  }
}
