// The syntax node every engine folder reads.
export type { Node } from 'web-tree-sitter';
