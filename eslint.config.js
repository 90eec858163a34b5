// Lint rules that enforce the layering, not only describe it:
//   shared/      pure domain + contract: no Node, DOM-host, React or Electron imports
//   electron/core, host, cli, gateway/: Node only, never Electron or React
//   electron/main, electron/preload: the only places that import 'electron'
//   renderer/    never imports electron/, gateway/, node/ or Node built-ins; talks to its host through the contract
//   node/        Node-only code both hosts and the gateway use: imports neither electron/ nor gateway/
//   electron/ and gateway/ never import each other (tests that run both are integration tests)
//   node/routing/ the routing engine: used only through its public index.ts (outside its folder and tests)
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'net',
  'url',
  'util',
  'zlib',
  'worker_threads',
  'node:*',
];
const pattern = (group, message) => ({ group, message });
// A relative import that reaches into a top-level folder (`../../gateway/server`, `../node/paths`).
const into = (folder) => `^\\.{1,2}/(.*/)?${folder}(/|$)`;
const NO_GATEWAY = {
  regex: into('gateway'),
  message:
    'electron/ and node/ must not import gateway/: share Node code through node/, pure code through shared/.',
};
const NO_ELECTRON = {
  regex: into('electron'),
  message:
    'gateway/ and node/ must not import electron/: share Node code through node/, pure code through shared/.',
};
const NO_NODE = {
  regex: into('node'),
  message: 'shared/ and the renderer must not import node/ (Node-only code).',
};
const ROUTING_INDEX = {
  regex: '^\\.{1,2}/(.*/)?node/routing/.+',
  message: 'Use the routing engine through its public index (node/routing), not its files.',
};
const ROUTING_INDEX_IN_NODE = {
  regex: '^\\.\\./(\\.\\./)*routing/.+',
  message: 'Use the routing engine through its public index (node/routing), not its files.',
};
const NODE_SERVICE_PATHS = [
  { name: 'electron', message: "Only electron/main and electron/preload may import 'electron'." },
  'react',
  'react-dom',
  'maplibre-gl',
];
const NODE_SERVICE_PATTERNS = [
  pattern(['**/renderer/**'], 'Node code must not import the renderer.'),
  pattern(
    ['**/electron/main/**', '**/electron/preload/**'],
    'Node services must not depend on Electron glue.',
  ),
];
const nodeService = (...extra) => ({
  'no-restricted-imports': [
    'error',
    { paths: NODE_SERVICE_PATHS, patterns: [...NODE_SERVICE_PATTERNS, ...extra] },
  ],
});
const TESTS = ['**/*.test.ts'];
const NO_HOST_GLOBAL = {
  selector: "MemberExpression[object.name='window'][property.name='dispatchConsole']",
  message:
    'Use the ConsoleApi from React context (useConsoleApi); only renderer/src/platform resolves the host.',
};
// Keys are bound once, in renderer/src/features/keyboard/commands.ts; features attach with useCommand.
const NO_OWN_KEYS = [
  {
    selector:
      "CallExpression[callee.property.name='addEventListener'][arguments.0.value=/^key(down|up|press)$/]",
    message: 'Bind keys in the shortcut registry (features/keyboard) and handle them with useCommand.',
  },
  {
    selector: "MemberExpression[property.name='key'][object.name=/^(e|ev|event|evt)$/]",
    message: 'Bind keys in the shortcut registry (features/keyboard) and handle them with useCommand.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'resources/city/**',
      'resources/drills/**',
      '.data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'electron',
            'react',
            'react-dom',
            'better-sqlite3',
            'socket.io',
            'socket.io-client',
            'maplibre-gl',
            ...nodeBuiltins.filter((n) => !n.includes('*')),
          ],
          patterns: [
            pattern(['node:*'], 'shared/ is pure: no Node built-ins.'),
            pattern(
              ['**/electron/**', '**/renderer/**', '**/gateway/**'],
              'shared/ must not depend on hosts, the renderer or the gateway.',
            ),
            NO_NODE,
          ],
        },
      ],
    },
  },
  {
    // shared/ runs anywhere (Node tests, the renderer, the gateway): no host globals either.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'process',
          'Buffer',
          '__dirname',
          '__filename',
          'require',
          'module',
          'global',
          'setImmediate',
          'window',
          'document',
          'navigator',
          'localStorage',
          'sessionStorage',
          'location',
          'fetch',
          'XMLHttpRequest',
        ].map((name) => ({ name, message: 'shared/ is pure: pass host facilities in as arguments.' })),
      ],
    },
  },
  {
    // The one rule that covers every folder (tests, scripts, config files included). Only the
    // launcher may resolve the package, for the binary's path (scripts/start.mjs uses require()).
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: "Only electron/main and electron/preload may import 'electron'." },
          ],
        },
      ],
    },
  },
  {
    files: [
      'electron/core/**/*.ts',
      'electron/host/**/*.ts',
      'electron/cli/**/*.ts',
      'gateway/**/*.ts',
      'node/**/*.ts',
      'bench/**/*.ts',
      'resources/generator/**/*.ts',
    ],
    rules: nodeService(),
  },
  // No cycle between the console and the gateway; Node code both use lives in node/ (tests exempt:
  // the ones that run a gateway against a console runtime are integration tests).
  {
    files: ['electron/core/**/*.ts', 'electron/host/**/*.ts', 'electron/cli/**/*.ts'],
    ignores: TESTS,
    rules: nodeService(NO_GATEWAY, ROUTING_INDEX),
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_GATEWAY, ROUTING_INDEX] }] },
  },
  { files: ['gateway/**/*.ts'], ignores: TESTS, rules: nodeService(NO_ELECTRON, ROUTING_INDEX) },
  {
    files: ['node/**/*.ts'],
    ignores: [...TESTS, 'node/routing/**'],
    rules: nodeService(NO_ELECTRON, NO_GATEWAY, ROUTING_INDEX_IN_NODE),
  },
  { files: ['node/routing/**/*.ts'], ignores: TESTS, rules: nodeService(NO_ELECTRON, NO_GATEWAY) },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'better-sqlite3', 'socket.io', ...nodeBuiltins.filter((n) => !n.includes('*'))],
          patterns: [
            pattern(['node:*'], 'The renderer runs sandboxed: no Node built-ins.'),
            pattern(
              ['**/electron/**', '**/gateway/**'],
              'The renderer reaches its host only through the shared contract.',
            ),
            NO_NODE,
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'process',
          'Buffer',
          '__dirname',
          '__filename',
          'require',
          'module',
          'global',
          'setImmediate',
        ].map((name) => ({ name, message: 'The renderer runs sandboxed: no Node globals.' })),
      ],
      'no-restricted-syntax': ['error', NO_HOST_GLOBAL, ...NO_OWN_KEYS],
    },
  },
  {
    files: ['renderer/src/platform/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...NO_OWN_KEYS] },
  },
  {
    // The shortcut registry owns the window's one keydown listener.
    files: ['renderer/src/features/keyboard/**/*.{ts,tsx}'],
    rules: { 'no-restricted-syntax': ['error', NO_HOST_GLOBAL] },
  },
  {
    files: ['**/*.test.ts', 'tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
