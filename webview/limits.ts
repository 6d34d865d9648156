// How much one interleaving panel message may carry. The host cuts a larger
// analysis down to these (webview/fromModel.ts) and says how much it left out;
// the protocol's validators refuse anything longer, so no file, however
// large, can make a message the panel has to drop.
export interface PanelLimits {
  readonly hazards: number;
  readonly coroutines: number;
  /** Lines of source text quoted for the hazards and coroutines kept. */
  readonly lines: number;
}

export const PANEL_LIMITS: PanelLimits = { hazards: 10_000, coroutines: 10_000, lines: 60_000 };
