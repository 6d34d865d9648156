// typescript-eslint's strict type-checked rules for all TypeScript, plus the
// layering rules of DESIGN.md: the engine and the webview never import `vscode`
// or Node-only modules, so they run in every host; and the engine's folders
// are floors, each importing only the ones below it:
// syntax → python → concepts, interleave → ladder.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeOnly = ['fs', 'path', 'child_process', 'os', 'module', 'url', 'util', 'process', 'worker_threads', 'crypto'];
const restricted = {
  paths: ['vscode', ...nodeOnly, ...nodeOnly.map((m) => `node:${m}`)].map((name) => ({
    name,
    message: 'extension/engine and webview are host-neutral: take what you need as a parameter.',
  })),
};

/** Engine folders and the folders above them, which they must not import. */
const floors = [
  ['syntax', ['python', 'concepts', 'interleave', 'ladder']],
  ['python', ['concepts', 'interleave', 'ladder']],
  ['concepts', ['interleave', 'ladder']],
  ['interleave', ['concepts', 'ladder']],
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', '.test-host/**', 'test-output/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['extension/engine/**/*.ts', 'webview/**/*.ts'],
    ignores: ['webview/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', restricted] },
  },
  ...floors.map(([floor, above]) => ({
    files: [`extension/engine/${floor}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...restricted,
          patterns: [{ group: above.map((f) => `**/${f}/**`).concat(above.map((f) => `../${f}`)), message: `engine/${floor} sits below ${above.join(', ')}: it must not import them.` }],
        },
      ],
    },
  })),
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
      ],
    },
  },
);
