// Every rung-to-rung conversion the ladder offers, one file each in
// conversions/, the two directions of a pair side by side. A conversion adds
// itself here.
import type { Conversion } from './conversion';
import { generatorToAsync } from './conversions/generatorToAsync';
import { asyncToGenerator } from './conversions/asyncToGenerator';
import { directToCps } from './conversions/directToCps';
import { cpsToDirect } from './conversions/cpsToDirect';
import { cpsToGenerator } from './conversions/cpsToGenerator';
import { generatorToCps } from './conversions/generatorToCps';
import { inlineCallbacksToAsync } from './conversions/inlineCallbacksToAsync';

export const conversions: readonly Conversion[] = [generatorToAsync, asyncToGenerator, directToCps, cpsToDirect, cpsToGenerator, generatorToCps, inlineCallbacksToAsync];
