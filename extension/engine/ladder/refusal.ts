// A conversion that meets something it cannot convert safely throws this; the
// conversion catches it per function and reports the reason with its line.
import type { Node } from 'web-tree-sitter';

export class RefuseError extends Error {
  constructor(
    readonly node: Node | undefined,
    reason: string,
  ) {
    super(reason);
  }
}

export function refuse(node: Node | undefined, reason: string): never {
  throw new RefuseError(node, reason);
}
