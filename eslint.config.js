// Lint rules that enforce the layering, not only describe it:
//   shared/      pure domain + contract: no Node, DOM-host, React or Electron imports
//   electron/core, host, cli, gateway/: Node only, never Electron or React
//   electron/main, electron/preload: the only places that import 'electron'
//   renderer/    never imports electron/, gateway/ or Node built-ins; talks to its host through the contract
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net', 'url', 'util', 'zlib', 'worker_threads', 'node:*'];
const pattern = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/city/**', 'resources/drills/**', '.data/**'] },
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
      'no-restricted-imports': ['error', {
        paths: ['electron', 'react', 'react-dom', 'better-sqlite3', 'socket.io', 'socket.io-client', 'maplibre-gl', ...nodeBuiltins.filter((n) => !n.includes('*'))],
        patterns: [
          pattern(['node:*'], 'shared/ is pure: no Node built-ins.'),
          pattern(['**/electron/**', '**/renderer/**', '**/gateway/**'], 'shared/ must not depend on hosts, the renderer or the gateway.'),
        ],
      }],
    },
  },
  {
    // shared/ runs anywhere (Node tests, the renderer, the gateway): no host globals either.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', ...['process', 'Buffer', '__dirname', '__filename', 'require', 'module', 'global', 'setImmediate', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'fetch', 'XMLHttpRequest'].map((name) => ({ name, message: 'shared/ is pure: pass host facilities in as arguments.' }))],
    },
  },
  {
    // The one rule that covers every folder (tests, scripts, config files included). Only the
    // launcher may resolve the package, for the binary's path (scripts/start.mjs uses require()).
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'electron', message: "Only electron/main and electron/preload may import 'electron'." }] }],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/host/**/*.ts', 'electron/cli/**/*.ts', 'gateway/**/*.ts', 'node/**/*.ts', 'bench/**/*.ts', 'resources/generator/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: "Only electron/main and electron/preload may import 'electron'." }, 'react', 'react-dom', 'maplibre-gl'],
        patterns: [pattern(['**/renderer/**'], 'Node code must not import the renderer.'), pattern(['**/electron/main/**', '**/electron/preload/**'], 'Node services must not depend on Electron glue.')],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': ['error', {
        paths: ['electron', 'better-sqlite3', 'socket.io', ...nodeBuiltins.filter((n) => !n.includes('*'))],
        patterns: [
          pattern(['node:*'], 'The renderer runs sandboxed: no Node built-ins.'),
          pattern(['**/electron/**', '**/gateway/**'], 'The renderer reaches its host only through the shared contract.'),
        ],
      }],
      'no-restricted-globals': ['error', ...['process', 'Buffer', '__dirname', '__filename', 'require', 'module', 'global', 'setImmediate'].map((name) => ({ name, message: 'The renderer runs sandboxed: no Node globals.' }))],
      'no-restricted-syntax': ['error', {
        selector: "MemberExpression[object.name='window'][property.name='dispatchConsole']",
        message: 'Use the ConsoleApi from React context (useConsoleApi); only renderer/src/platform resolves the host.',
      }],
    },
  },
  {
    files: ['renderer/src/platform/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.test.ts', 'tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
