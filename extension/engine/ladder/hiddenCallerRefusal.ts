// The refusal for a caller the module cannot show (python/hiddenCallers), in
// words naming what calls the function and where.
import type { SourceFile } from '../syntax/sourceFile';
import type { HiddenCaller } from '../python/hiddenCallers';
import { blocker, type Blocker } from './refusal';

export function hiddenCallerBlocker(file: SourceFile, hidden: HiddenCaller): Blocker {
  const at = `line ${String(file.lineOf(hidden.node))}`;
  const quoted = `\`${file.textOf(hidden.node).replace(/\s+/g, ' ').slice(0, 50)}\``;
  switch (hidden.kind) {
    case 'override':
      return blocker('overrides-library', hidden.node, `is a method of a class based on ${file.textOf(hidden.node)} (${at}), which the module does not define and may call it the old way; keep this method as it is`);
    case 'special-method':
      return blocker('overrides-library', hidden.node, `is a special method Python itself calls the old way; keep it as it is`);
    case 'class-body-value':
      return blocker('used-as-value', hidden.node, `is used as a value in its class body at ${at} (${quoted}), and what calls it there cannot be adapted; keep this method as it is`);
    case 'by-name':
      return blocker('used-as-value', hidden.node, `is looked up by name at ${at} (${quoted}), and whoever calls what that finds cannot be adapted; keep this function as it is`);
  }
}
