import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database';
import type { RequestHandlers } from '../../../shared/contract/api';
import { DrillClockSchema, type DrillClock, type DrillControl, type DrillInfo, type DrillReport } from '../../../shared/contract/drillContract';
import { scoreDrill, type DrillAlertInput } from '../../../shared/domain/drillScoring';
import { renderReportHtml } from './reportHtml';
import { headlessChromiumPrinter, type PdfPrinter } from './pdfPrinter';

type DrillHandlers = Pick<RequestHandlers, 'drill.clock' | 'drill.control' | 'drill.report' | 'drill.exportReport'>;

export interface DrillServiceOptions {
  drill: DrillInfo | null;
  db: Db;
  dataDir: string;
  gatewayUrl: string;
  gatewayToken: string;
  now?: () => Date;
  /** HTML → PDF (Electron injects printToPDF); default headless Chromium (pdfPrinter.ts). */
  printPdf?: PdfPrinter;
}

/** Reads what the scoring needs from the drill's console database. */
export function loadDrillAlerts(db: Db): DrillAlertInput[] {
  const alerts = db.prepare<[], { id: string; priority: number; source: string; category: string; received_at: string; status: string }>('SELECT id, priority, source, category, received_at, status FROM alerts ORDER BY received_at, id').all();
  const steps = db.prepare<[string], { at: string; to_status: string; action: string | null; operator: string }>('SELECT at, to_status, action, operator FROM alert_events WHERE alert_id = ? ORDER BY id');
  const dispatches = db.prepare<[string], { unit_id: string; dispatched_at: string; arrived_at: string | null; response_seconds: number | null; tier_target_seconds: number | null; tier_met: number | null }>(
    'SELECT unit_id, dispatched_at, arrived_at, response_seconds, tier_target_seconds, tier_met FROM dispatches WHERE alert_id = ? ORDER BY dispatched_at, id',
  );
  return alerts.map((a) => ({
    id: a.id,
    priority: a.priority,
    source: a.source,
    category: a.category,
    receivedAt: a.received_at,
    status: a.status,
    steps: steps.all(a.id).map((s) => ({ at: s.at, toStatus: s.to_status, action: s.action, operator: s.operator })),
    dispatches: dispatches.all(a.id).map((d) => ({
      unitId: d.unit_id,
      dispatchedAt: d.dispatched_at,
      arrivedAt: d.arrived_at,
      responseSeconds: d.response_seconds,
      tierTargetSeconds: d.tier_target_seconds,
      tierMet: d.tier_met === null ? null : d.tier_met === 1,
    })),
  }));
}

/**
 * The drill requests: replay controls relayed to the drill gateway's admin endpoint (the
 * runtime holds its URL and token; the renderer never sees the token), the scored report and
 * its export. Outside drill mode every request fails.
 */
export function createDrillHandlers(options: DrillServiceOptions): DrillHandlers {
  const now = options.now ?? (() => new Date());
  const requireDrill = (): DrillInfo => {
    if (!options.drill) throw new Error('not in drill mode (start the console with --drill <scenario-id>)');
    return options.drill;
  };

  const gatewayClock = async (body?: DrillControl): Promise<DrillClock> => {
    requireDrill();
    const res = await fetch(new URL('/admin/clock', options.gatewayUrl), {
      method: body ? 'POST' : 'GET',
      headers: { Authorization: `Bearer ${options.gatewayToken}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(5000),
    });
    const answer = (await res.json().catch(() => ({}))) as { error?: string };
    if (!res.ok) throw new Error(`drill gateway: ${answer.error ?? `HTTP ${res.status}`}`);
    return DrillClockSchema.parse(answer);
  };

  const report = (): DrillReport => {
    const drill = requireDrill();
    const generatedAt = now().toISOString();
    return { scenarioId: drill.scenarioId, name: drill.name ?? null, generatedAt, ...scoreDrill(loadDrillAlerts(options.db), generatedAt) };
  };

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
