// What the hover on a function or class name says, as markdown: its concepts,
// the lines that show them, and the function one rung up and one rung down the
// ladder as the registered conversions would write it (or why they refuse).
// Without VS Code: the engine's worker thread writes it, conceptHover.ts shows it.
import { CONCEPT_INFO, impliedConcepts } from '../engine/concepts';
import { ladderSteps, previewConversion, RUNG_ACTION } from '../engine/ladder/steps';
import type { Conversion, ConversionOptions } from '../engine/ladder/conversion';
import type { FunctionInfo, SourceFile } from '../engine';
import { visible } from '../engine/syntax/visibleText';
import { classificationOf } from './conceptCache';

const DIRECT_STYLE_EXPLANATION =
  'it hands its result back to its caller with return, and the caller waits for it. One rung up, continuation-passing style, it passes the result on to a function it is given instead.';

/** The hover of the definition whose name covers `offset`, and the name's span; undefined when there is nothing to say. */
export function conceptHoverAt(file: SourceFile, offset: number, options: Pick<ConversionOptions, 'project' | 'publicApi'>): { readonly markdown: string; readonly start: number; readonly end: number } | undefined {
  const hit = classificationOf(file).find((f) => {
    const name = f.info.node.childForFieldName('name');
    return name !== null && name.startIndex <= offset && offset <= name.endIndex;
  });
  const nameNode = hit?.info.node.childForFieldName('name');
  if (!hit || !nameNode) return undefined;
  const steps = ladderSteps(file, hit.info, hit.concepts);
  // A plain function is on the first rung when the CPS rung takes it; otherwise there is nothing to say.
  if (hit.concepts.length === 0 && steps.up?.to !== 'cps') return undefined;
  const md: string[] = [];
  if (hit.concepts.length === 0) md.push(`**Direct style** — ${escape(DIRECT_STYLE_EXPLANATION)}\n\n`);
  for (const concept of hit.concepts) {
    const info = CONCEPT_INFO[concept.id];
    const lines = `line${concept.evidence.length > 1 ? 's' : ''} ${concept.evidence.join(', ')}`;
    md.push(`**${escape(info.name)}** (${lines}) — ${escape(info.explanation)}\n\n`);
  }
  // What the labels imply, nearest first: a delegating generator is also a generator, an iterator, an iterable.
  const implied = new Set(hit.concepts.flatMap((c) => impliedConcepts(c.id)));
  if (implied.size > 0) md.push(`Which makes it also: ${escape([...implied].map((id) => CONCEPT_INFO[id].name).join(', '))}.\n\n`);
  if (steps.up) md.push(preview(file, hit.info, steps.up, 'One rung up', options));
  if (steps.down) md.push(preview(file, hit.info, steps.down, 'One rung down', options));
  return { markdown: md.join(''), start: nameNode.startIndex, end: nameNode.endIndex };
}

function preview(file: SourceFile, fn: FunctionInfo, conversion: Conversion, heading: string, options: Pick<ConversionOptions, 'project'>): string {
  const head = `---\n\n**${heading}: ${RUNG_ACTION[conversion.to]}**\n\n`;
  const previewed = previewConversion(file, fn, conversion, options);
  if (previewed.kind === 'code') {
    // A fence longer than any run of backticks in the code, so the code cannot close it.
    // Invisible characters are shown as codes, the line breaks they would hide kept.
    const code = previewed.text.split(/\r\n|\r|\n/).map(visible).join('\n');
    const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    const alongside = previewed.alongside.length > 0 ? `With its callers: ${escape(previewed.alongside.join(', '))}\n\n` : '';
    return `${head}${fence}python\n${code}\n${fence}\n\n${alongside}`;
  }
  if (previewed.kind === 'refused') return `${head}Refused: ${escape(previewed.refusal.message)}\n\n`;
  return `${head}Nothing to change at this rung.\n\n`;
}

/** Plain text as markdown: `__iter__` and names from user code must not turn into formatting or hide. */
function escape(text: string): string {
  return visible(text).replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, '\\$&');
}
