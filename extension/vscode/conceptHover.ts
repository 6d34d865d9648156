// Hover on a function or class name: what its concepts are, the lines that
// show them, and the function one rung up and one rung down the ladder as the
// registered conversions would write it (or why they refuse).
import * as vscode from 'vscode';
import { CONCEPT_INFO, impliedConcepts } from '../engine/concepts';
import { ladderSteps, previewConversion, RUNG_ACTION } from '../engine/ladder/steps';
import type { Conversion, ConversionOptions } from '../engine/ladder/conversion';
import type { FunctionInfo, SourceFile } from '../engine';
import { visible } from '../engine/syntax/visibleText';
import { analysable } from './analysisBudget';
import { classificationOf } from './conceptCache';
import type { DocumentCache } from './documentCache';
import type { WorkspaceIndex } from './workspaceIndex';

const DIRECT_STYLE_EXPLANATION =
  'it hands its result back to its caller with return, and the caller waits for it. One rung up, continuation-passing style, it passes the result on to a function it is given instead.';

export function registerConceptHover(cache: DocumentCache, workspace: WorkspaceIndex): vscode.Disposable {
  return vscode.languages.registerHoverProvider(
    { language: 'python' },
    {
      provideHover(document, position) {
        const file = analysable(cache, document);
        if (!file) return undefined;
        const offset = document.offsetAt(position);
        const hit = classificationOf(file).find((f) => {
          const name = f.info.node.childForFieldName('name');
          return name !== null && name.startIndex <= offset && offset <= name.endIndex;
        });
        if (!hit) return undefined;
        const steps = ladderSteps(file, hit.info, hit.concepts);
        // A plain function is on the first rung when the CPS rung takes it; otherwise there is nothing to say.
        if (hit.concepts.length === 0 && steps.up?.to !== 'cps') return undefined;
        const md = new vscode.MarkdownString();
        if (hit.concepts.length === 0) md.appendMarkdown(`**Direct style** — ${escape(DIRECT_STYLE_EXPLANATION)}\n\n`);
        for (const concept of hit.concepts) {
          const info = CONCEPT_INFO[concept.id];
          const lines = `line${concept.evidence.length > 1 ? 's' : ''} ${concept.evidence.join(', ')}`;
          md.appendMarkdown(`**${escape(info.name)}** (${lines}) — ${escape(info.explanation)}\n\n`);
        }
        // What the labels imply, nearest first: a delegating generator is also a generator, an iterator, an iterable.
        const implied = new Set(hit.concepts.flatMap((c) => impliedConcepts(c.id)));
        if (implied.size > 0) md.appendMarkdown(`Which makes it also: ${escape([...implied].map((id) => CONCEPT_INFO[id].name).join(', '))}.\n\n`);
        const options = workspace.ladderOptions(document);
        if (steps.up) appendPreview(md, file, hit.info, steps.up, 'One rung up', options);
        if (steps.down) appendPreview(md, file, hit.info, steps.down, 'One rung down', options);
        const nameNode = hit.info.node.childForFieldName('name');
        const range = nameNode
          ? new vscode.Range(document.positionAt(nameNode.startIndex), document.positionAt(nameNode.endIndex))
          : undefined;
        return new vscode.Hover(md, range);
      },
    },
  );
}

function appendPreview(md: vscode.MarkdownString, file: SourceFile, fn: FunctionInfo, conversion: Conversion, heading: string, options: Pick<ConversionOptions, 'project'>): void {
  md.appendMarkdown(`---\n\n**${heading}: ${RUNG_ACTION[conversion.to]}**\n\n`);
  const preview = previewConversion(file, fn, conversion, options);
  if (preview.kind === 'code') {
    // A fence longer than any run of backticks in the code, so the code cannot close it.
    // Invisible characters are shown as codes, the line breaks they would hide kept.
    const code = preview.text.split(/\r\n|\r|\n/).map(visible).join('\n');
    const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    md.appendMarkdown(`${fence}python\n${code}\n${fence}\n\n`);
    if (preview.alongside.length > 0) md.appendMarkdown(`With its callers: ${escape(preview.alongside.join(', '))}\n\n`);
  } else if (preview.kind === 'refused') {
    md.appendMarkdown(`Refused: ${escape(preview.refusal.message)}\n\n`);
  } else {
    md.appendMarkdown('Nothing to change at this rung.\n\n');
  }
}

/** Plain text as markdown: `__iter__` and names from user code must not turn into formatting or hide. */
function escape(text: string): string {
  return visible(text).replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, '\\$&');
}
