// How deep a parse tree goes, measured without recursion. The engine's tree
// walks recurse, so a file nested deeper than MAX_NESTING_DEPTH is refused as
// a whole (a typed syntax problem) before any of them runs. Python itself
// stops well short of it: 100 indentation levels, 200 nested brackets.
import type { SyntaxTree } from './node';

/**
 * Tree levels the engine accepts. The deepest recursive walker overflows
 * Node's default stack at a few thousand levels (test/hostile measures the
 * margin); this leaves room for the extension host's own frames.
 */
export const MAX_NESTING_DEPTH = 800;

/**
 * Where the first node deeper than `limit` levels below the root starts, if
 * any. It walks tree-sitter's own cursor: the plain copy of a tree this deep
 * is what the guard is there to avoid building. A subtree with too few nodes
 * to reach past the limit is not entered (tree-sitter keeps each subtree's
 * count), so a module of ordinary functions costs a look at each of its
 * statements rather than a walk over every node, once per parse checked.
 */
export function firstOffsetDeeperThan(tree: SyntaxTree, limit: number): number | undefined {
  const cursor = tree.parsed.walk();
  try {
    let depth = 0;
    for (;;) {
      // The node's count includes itself: its deepest descendant is at most that many levels, less one, below it.
      if (depth + cursor.currentNode.descendantCount - 1 > limit && cursor.gotoFirstChild()) {
        depth += 1;
        if (depth > limit) return cursor.startIndex;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return undefined;
        depth -= 1;
      }
    }
  } finally {
    cursor.delete();
  }
}
