// The module the worker tests analyse: the racy counter of the interleavings
// corpus (a lost update in bump), plus a generator and a plain function a
// ladder step can take.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const counter = readFileSync(join(__dirname, '..', '..', 'corpus', 'interleavings', 'racy', 'counter_lost_update.py'), 'utf8');

export const RACY_MODULE = `${counter}

def squares(n):
    for i in range(n):
        yield i * i


def add(a, b):
    return a + b
`;

/** 0-based line of the first line of RACY_MODULE that starts with `start`. */
export function lineOf(start: string): number {
  return RACY_MODULE.slice(0, RACY_MODULE.indexOf(start)).split('\n').length - 1;
}
