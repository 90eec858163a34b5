// Electronegativity (Doyensec's Electron security linter) over the Electron sources, part of
// `npm run lint`: any finding fails. A false positive is suppressed next to the code it names
// with `// eng-disable CHECK_ID` and a reason; checks that look at the whole app are decided here.
import { createRequire, Module } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;

// The package fetches translations and Electron's release list over the internet on every run;
// lint must not depend on the network (isolated build machines), so its HTTP client says
// "offline" at once and it uses its bundled English texts.
process.env.LANG = 'en-US';
const loadModule = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'got')
    return Object.assign(() => Promise.reject(new Error('offline')), {
      head: () => Promise.reject(new Error('offline')),
    });
  return loadModule.call(this, request, ...rest);
};
const electronegativity = require('@doyensec/electronegativity');
const run = electronegativity.default ?? electronegativity;

/** Checks of the whole app, not of a file, that are not run on the main process sources, and why. */
const MAIN_EXCLUDED = {
  // Compares the Electron version with the release list on GitHub: needs the network.
  availablesecurityfixesglobalcheck: 'online only',
  // The CSP is a header on every app:// response (appProtocol.ts, built by
  // core/contentSecurityPolicy.ts); the check only sees literal onHeadersReceived headers, so it
  // reports "no CSP". The real policy is evaluated below with the check's own CSP evaluator.
  cspglobalcheck: 'header set in appProtocol.ts, evaluated below',
};
const GLOBAL_CHECKS = [
  'affinityglobalcheck',
  'availablesecurityfixesglobalcheck',
  'cspglobalcheck',
  'limitnavigationglobalcheck',
  'permissionrequesthandlerglobalcheck',
  'httpresourcesandnodeintegrationglobalcheck',
];
const SCANS = [
  { dir: 'electron/main', excludeFromScan: Object.keys(MAIN_EXCLUDED) },
  // The preload opens no window and handles no navigation: the app-wide checks run on main.
  { dir: 'electron/preload', excludeFromScan: GLOBAL_CHECKS },
];

const problems = [];
let checks = 0;
for (const scan of SCANS) {
  const input = path.join(root, scan.dir);
  // Its only console output is "could not retrieve translations" (the offline answer above).
  const log = console.log;
  console.log = () => {};
  const result = await run(
    {
      input,
      electronVersionOverride: electronVersion,
      isRelative: true,
      customScan: [],
      excludeFromScan: scan.excludeFromScan,
      parserPlugins: [],
    },
    false,
  ).finally(() => (console.log = log));
  checks = Math.max(checks, result.atomicChecks + result.globalChecks);
  for (const error of result.errors)
    if (!error.tolerable) problems.push(`${path.relative(root, error.file)}: not scanned (${error.message})`);
  for (const issue of result.issues) {
    const where =
      issue.file === 'N/A'
        ? scan.dir
        : `${path.join(scan.dir, issue.file)}:${issue.location.line}:${issue.location.column}`;
    problems.push(
      `${where} ${issue.id} (${issue.severity.name}, ${issue.confidence.name}): ${issue.description} ${issue.shortenedURL ?? ''}`.trim(),
    );
  }
}

// What CSP_GLOBAL_CHECK would do if it could see the header: the console's policy through the
// same evaluator, failing on what it calls a weak CSP (high or medium findings, syntax errors).
// The gateway origin is https here: an http gateway on an isolated network is a deployment
// choice, not a weakness of the policy.
const csp = require(
  require.resolve('@doyensec/csp-evaluator', {
    paths: [path.dirname(require.resolve('@doyensec/electronegativity/package.json'))],
  }),
);
const { contentSecurityPolicy } = await tsImport(
  path.join(root, 'electron/core/contentSecurityPolicy.ts'),
  import.meta.url,
);
const policy = contentSecurityPolicy({ gatewayOrigin: 'https://gateway.example:7410' });
const weak = [csp.severities.HIGH, csp.severities.SYNTAX, csp.severities.MEDIUM];
for (const finding of new csp.CspEvaluator(new csp.CspParser(policy).csp, csp.Version.CSP3).evaluate()) {
  if (weak.includes(finding.severity))
    problems.push(`electron/core/contentSecurityPolicy.ts CSP ${finding.directive}: ${finding.description}`);
}

if (problems.length > 0) {
  console.error(
    `Electronegativity (Electron ${electronVersion}): ${problems.length} finding(s)\n${problems.map((p) => `  ${p}`).join('\n')}`,
  );
  process.exit(1);
}
console.log(
  `Electronegativity (Electron ${electronVersion}, ${checks} checks): no findings in ${SCANS.map((s) => s.dir).join(', ')}; CSP evaluated`,
);
