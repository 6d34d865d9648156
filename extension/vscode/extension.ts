// The extension's entry point, kept small so activation is quick: the features
// (and the engine the host's thread uses) live in dist/features.js, which is
// compiled and registered on the turn after activation when a Python document
// opened the extension, and at once otherwise (a command or a restored panel
// needs its handler now). Editors ask the providers again when they register.
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ConceptLensesApi } from './features';

export type { ConceptLensesApi };

/** When the host started running this bundle (performance.now() of the host's process). */
const loadStartedAt = performance.now();

/** For the activation bench, on the host's clock: when this entry point started running, when activate() was called and when it returned. */
export interface ActivationTimes {
  readonly loadStartedAt: number;
  readonly calledAt: number;
  readonly activatedAt: number;
}

/** What activate() returns: the features' API, and when activation ran. */
export type ExtensionApi = ConceptLensesApi & { readonly activation: ActivationTimes };

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const calledAt = performance.now();
  let api: ConceptLensesApi | undefined;
  const features = (): ConceptLensesApi => {
    // A path esbuild leaves alone: features.js is a bundle of its own, beside this one.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, so activation does not compile it
    api ??= (require(join(__dirname, 'features.js')) as typeof import('./features')).activateFeatures(context);
    return api;
  };
  const openedByPython = vscode.workspace.textDocuments.some((d) => d.languageId === 'python');
  if (openedByPython) setTimeout(features, 0);
  else features();
  return {
    activation: { loadStartedAt, calledAt, activatedAt: performance.now() },
    get cache() {
      return features().cache;
    },
    get workspace() {
      return features().workspace;
    },
    get schedules() {
      return features().schedules;
    },
    get engine() {
      return features().engine;
    },
    get panels() {
      return features().panels;
    },
    get onDidPublishDiagnostics() {
      return features().onDidPublishDiagnostics;
    },
  };
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
