// Every rung-to-rung conversion the ladder offers. A conversion module adds itself here.
import type { Conversion } from './conversion';

export const conversions: readonly Conversion[] = [];
