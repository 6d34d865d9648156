// Taking a decorator off a definition: the rewrites to async/await drop the
// decorator that made a generator a coroutine.
import type { Node } from '../syntax/node';
import type { EditBuilder } from '../syntax/editBuilder';
import type { SourceFile } from '../syntax/sourceFile';

/** Removes a decorator's line; a comment after it stays on a line of its own. */
export function removeDecoratorLine(file: SourceFile, edits: EditBuilder, decorator: Node): void {
  const line = file.positionAt(decorator.startIndex).line;
  const start = file.lines.lineStart(line);
  const comment = decorator.namedChildren.find((c) => c?.type === 'comment');
  if (comment) {
    // `@asyncio.coroutine  # why` keeps `# why` at the decorator's indentation.
    edits.delete(decorator.startIndex, comment.startIndex);
  } else if (file.text.slice(start, decorator.startIndex).trim() === '' && file.lineOf(decorator) === file.endLineOf(decorator)) {
    edits.delete(start, file.lines.lineStart(line + 1));
  } else {
    edits.replaceNode(decorator, '');
  }
}
