// Every rung-to-rung conversion the ladder offers. A conversion module adds itself here.
import type { Conversion } from './conversion';
import { asyncToGenerator } from './toGeneratorCoroutine';
import { generatorToAsync } from './toAsyncAwait';
import { directToCps } from './toCps';
import { generatorToCps } from './generatorToCps';
import { cpsToGenerator } from './cpsToGenerator';
import { cpsToDirect } from './toDirect';
import { inlineCallbacksToAsync } from './inlineCallbacksToAsync';

export const conversions: readonly Conversion[] = [generatorToAsync, asyncToGenerator, directToCps, cpsToGenerator, generatorToCps, cpsToDirect, inlineCallbacksToAsync];
