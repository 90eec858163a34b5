import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database';
import type { MetaRepository } from '../db/metaRepository';
import type { RequestHandlers } from '../../../shared/contract/api';
import {
  DrillClockSchema,
  type DrillClock,
  type DrillControl,
  type DrillInfo,
  type DrillReport,
} from '../../../shared/contract/drillContract';
import type { Scenario } from '../../../shared/protocol/scenario';
import { renderReportHtml } from './reportHtml';
import { headlessChromiumPrinter, type PdfPrinter } from './pdfPrinter';
import { buildDrillReport } from './drillReport';
import { DrillClockLog } from './drillClockLog';

export { loadDrillAlerts } from './drillReport';

type DrillHandlers = Pick<
  RequestHandlers,
  'drill.clock' | 'drill.control' | 'drill.report' | 'drill.exportReport'
>;

export interface DrillServiceOptions {
  drill: DrillInfo | null;
  db: Db;
  /** Where the clock log is kept (the drill database's meta table). */
  meta?: MetaRepository;
  /** The drill's scenario (expected actions, tracks), when the console was given the file. */
  scenario?: Scenario | null;
  dataDir: string;
  gatewayUrl: string;
  gatewayToken: string;
  now?: () => Date;
  /** HTML → PDF (Electron injects printToPDF); default headless Chromium (pdfPrinter.ts). */
  printPdf?: PdfPrinter;
  /** The audit log's head, printed on every report (an anchor of the log outside the seat). */
  auditHead?: () => { seq: number; hash: string };
}

/**
 * The drill requests: replay controls relayed to the drill gateway's admin endpoint (the
 * runtime holds its URL and token; the renderer never sees the token), the scored report and
 * its export. Every clock answer is logged, so steps can be placed on the scenario clock.
 * Outside drill mode every request fails.
 */
export function createDrillHandlers(options: DrillServiceOptions): DrillHandlers {
  const now = options.now ?? (() => new Date());
  const clockLog = options.meta ? new DrillClockLog(options.meta) : null;
  const requireDrill = (): DrillInfo => {
    if (!options.drill) throw new Error('not in drill mode (start the console with --drill <scenario-id>)');
    return options.drill;
  };

  const gatewayClock = async (body?: DrillControl): Promise<DrillClock> => {
    requireDrill();
    const res = await fetch(new URL('/admin/clock', options.gatewayUrl), {
      method: body ? 'POST' : 'GET',
      headers: {
        Authorization: `Bearer ${options.gatewayToken}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(5000),
    });
    const answer = (await res.json().catch(() => ({}))) as { error?: string };
    if (!res.ok) throw new Error(`drill gateway: ${answer.error ?? `HTTP ${res.status}`}`);
    const clock = DrillClockSchema.parse(answer);
    clockLog?.record(clock, now());
    return clock;
  };

  const report = (): DrillReport => ({
    ...buildDrillReport({
      db: options.db,
      drill: requireDrill(),
      scenario: options.scenario ?? null,
      clockSamples: clockLog?.samples() ?? [],
      generatedAt: now().toISOString(),
    }),
    auditHead: options.auditHead?.() ?? null,
  });

  return {
    'drill.clock': () => gatewayClock(),
    'drill.control': (control) => gatewayClock(control),
    'drill.report': async () => report(),
    'drill.exportReport': async ({ format }) => {
      const r = report();
      const dir = path.join(options.dataDir, 'reports');
      mkdirSync(dir, { recursive: true });
      const base = path.join(dir, `drill-report-${r.scenarioId}-${r.generatedAt.replace(/[:.]/g, '-')}`);
      // The PDF is printed from the same self-contained HTML, which stays beside it.
      writeFileSync(`${base}.html`, renderReportHtml(r));
      if (format === 'html') return { path: `${base}.html` };
      await (options.printPdf ?? headlessChromiumPrinter())(`${base}.html`, `${base}.pdf`);
      return { path: `${base}.pdf` };
    },
  };
}
