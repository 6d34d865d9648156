// Hover on a function or class name: what its concepts are, the lines that
// show them, and the function one rung up and one rung down the ladder
// (conceptHoverText.ts). Written in the engine's worker thread: a preview is a
// real conversion, too long for the host's thread.
import * as vscode from 'vscode';
import type { EngineWorker } from './engineWorker';
import { publicApiSetting, type WorkspaceIndex } from './workspaceIndex';

export function registerConceptHover(workspace: WorkspaceIndex, engine: EngineWorker): vscode.Disposable {
  return vscode.languages.registerHoverProvider(
    { language: 'python' },
    {
      async provideHover(document, position, token) {
        // The previews are judged against the whole workspace, as the lens's step is.
        await workspace.ready;
        const { version } = document;
        const offset = document.offsetAt(position);
        const answer = await engine.ask({ kind: 'hover', uri: document.uri.toString(), version, offset, publicApi: publicApiSetting(document.uri) }, token).catch(() => undefined);
        const hover = answer?.hover;
        if (!hover || document.version !== version) return undefined;
        return new vscode.Hover(new vscode.MarkdownString(hover.markdown), new vscode.Range(document.positionAt(hover.start), document.positionAt(hover.end)));
      },
    },
  );
}
