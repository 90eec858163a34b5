// The layering rules of eslint.config.js fire on a deliberate violation and stay quiet on a legal
// import: ESLint run programmatically on code placed (by file path) in each folder.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function importErrors(file: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from '${specifier}';\nexport const y = x;\n`, {
    filePath: path.join(root, file),
  });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint rules of the layering', () => {
  it.each([
    [
      'electron/ may not import gateway/',
      'electron/core/example.ts',
      '../../gateway/server',
      /must not import gateway/,
    ],
    [
      'electron/main may not import gateway/',
      'electron/main/example.ts',
      '../../gateway/feed/feedLog',
      /must not import gateway/,
    ],
    [
      'gateway/ may not import electron/',
      'gateway/feed/example.ts',
      '../../electron/core/paths',
      /must not import electron/,
    ],
    [
      'node/ may not import electron/',
      'node/example.ts',
      '../electron/core/consoleRuntime',
      /must not import electron/,
    ],
    [
      'node/ may not import gateway/',
      'node/citypack/example.ts',
      '../../gateway/server',
      /must not import gateway/,
    ],
    ['shared/ may not import node/', 'shared/domain/example.ts', '../../node/paths', /must not import node/],
    [
      'shared/ may not import electron/',
      'shared/domain/example.ts',
      '../../electron/core/paths',
      /must not depend on hosts/,
    ],
    [
      'the renderer may not import node/',
      'renderer/src/app/example.ts',
      '../../../node/streamUrl',
      /must not import node/,
    ],
    [
      'the renderer may not import gateway/',
      'renderer/src/app/example.ts',
      '../../../gateway/server',
      /only through the shared contract/,
    ],
    [
      'the routing engine only through its index (electron/)',
      'electron/core/cordon/example.ts',
      '../../../node/routing/router',
      /public index/,
    ],
    [
      'the routing engine only through its index (gateway/)',
      'gateway/simulation/example.ts',
      '../../node/routing/typedHeap',
      /public index/,
    ],
    [
      'the routing engine only through its index (node/)',
      'node/citypack/example.ts',
      '../routing/graph',
      /public index/,
    ],
  ])('%s', async (_name, file, specifier, message) => {
    const errors = await importErrors(file, specifier);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each([
    ['electron/ uses node/', 'electron/core/example.ts', '../../node/paths'],
    ['electron/ uses the routing index', 'electron/core/cordon/example.ts', '../../../node/routing'],
    ['gateway/ uses node/ and shared/', 'gateway/feed/example.ts', '../../node/streamUrl'],
    ['gateway/ uses the routing index', 'gateway/simulation/example.ts', '../../node/routing'],
    ['node/routing uses its own files', 'node/routing/example.ts', './graph'],
    ['shared/ uses shared/', 'shared/domain/example.ts', '../scenario/scenarioFile'],
    ['an integration test runs both', 'electron/core/example.test.ts', '../../gateway/server'],
    [
      'a test reaches into the routing engine',
      'electron/core/cordon/example.test.ts',
      '../../../node/routing/router',
    ],
    [
      'the renderer reads a gatewayFeed-named module of its own',
      'renderer/src/app/example.ts',
      './gatewayFeedStatus',
    ],
  ])('allows: %s', async (_name, file, specifier) => {
    expect(await importErrors(file, specifier)).toEqual([]);
  });
});

describe('lint rule of the shortcut registry', () => {
  const keyErrors = async (file: string) => {
    const code =
      "export const listen = () =>\n  window.addEventListener('keydown', (event) => console.log(event.key));\n";
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
  };

  it('a feature may not listen for keys or read event.key itself', async () => {
    const errors = await keyErrors('renderer/src/features/video/example.ts');
    expect(errors).toHaveLength(2);
    for (const e of errors) expect(e).toMatch(/shortcut registry/);
  });

  it('allows: the registry owns the one listener', async () => {
    expect(await keyErrors('renderer/src/features/keyboard/example.ts')).toEqual([]);
  });
});
