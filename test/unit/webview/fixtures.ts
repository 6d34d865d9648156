// Panel data shaped like examples/bank.py's analysis, written out by hand so
// the renderer is tested on its own, without the analysis.
import type { HazardView, InterleavingView, StepView } from '../../../webview/protocol';

const BANK_LINES: Record<number, string> = {
  12: '    async def deposit(self, amount):',
  13: '        await asyncio.sleep(0)',
  14: '        self.balance += amount',
  15: '        self.history.append(("deposit", amount))',
  17: '    async def withdraw(self, amount):',
  18: '        balance = self.balance',
  19: '        await fraud_check(amount)',
  20: '        self.balance = balance - amount',
  21: '        self.history.append(("withdraw", amount))',
};

function step(task: string, fn: string, action: StepView['action'], line: number): StepView {
  return { task, function: fn, action, line };
}

function lostUpdate(interferer: string, interferingLine: number): HazardView {
  return {
    kind: 'lost-update',
    variable: 'self.balance',
    writtenVariable: 'self.balance',
    function: 'Account.withdraw',
    read: 18,
    suspend: 19,
    write: 20,
    interferers: [{ function: interferer, line: interferingLine }],
    steps: [
      step('A', 'Account.withdraw', 'read', 18),
      step('A', 'Account.withdraw', 'suspend', 19),
      step('B', interferer, 'write', interferingLine),
      step('A', 'Account.withdraw', 'resume', 20),
    ],
  };
}

export function bankView(): InterleavingView {
  return {
    file: 'examples/bank.py',
    coroutines: [
      {
        name: 'Account.deposit',
        kind: 'async-def',
        line: 12,
        segments: [
          { startLine: 12, endLine: 13, accesses: [] },
          {
            startLine: 13,
            endLine: 15,
            accesses: [
              { variable: 'self.balance', kind: 'read', line: 14, locks: [] },
              { variable: 'self.balance', kind: 'write', line: 14, locks: [] },
              { variable: 'self.history', kind: 'write', line: 15, locks: [] },
            ],
          },
        ],
        suspensions: [{ line: 13, kind: 'await' }],
      },
      {
        name: 'Account.withdraw',
        kind: 'async-def',
        line: 17,
        segments: [
          { startLine: 17, endLine: 19, accesses: [{ variable: 'self.balance', kind: 'read', line: 18, locks: [] }] },
          {
            startLine: 19,
            endLine: 21,
            accesses: [
              { variable: 'self.balance', kind: 'write', line: 20, locks: [] },
              { variable: 'self.history', kind: 'write', line: 21, locks: [] },
            ],
          },
        ],
        suspensions: [{ line: 19, kind: 'await' }],
      },
    ],
    hazards: [lostUpdate('Account.deposit', 14), lostUpdate('Account.withdraw', 20)],
    lines: Object.entries(BANK_LINES).map(([line, text]) => ({ line: Number(line), text })),
  };
}

/** Every string of `view` replaced through `change` (names, variables, code, file). */
export function mapStrings(view: InterleavingView, change: (text: string, key: string) => string): InterleavingView {
  const walk = (value: unknown, key: string): unknown => {
    if (typeof value === 'string') return ['kind', 'action', 'task'].includes(key) ? value : change(value, key);
    if (Array.isArray(value)) return value.map((v) => walk(v, key));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    }
    return value;
  };
  return walk(view, '') as InterleavingView;
}
