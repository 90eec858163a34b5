/**
 * Report export on the real files: HTML always, PDF through the real headless Chromium (skipped,
 * with the reason, where no Chromium is installed), and a clear error when none can be found.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/unit/gatewayFixtures';
import { openDatabase } from '../db/database';
import { createDrillHandlers } from './drillService';
import { findChromium, headlessChromiumPrinter } from './pdfPrinter';

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((fn) => fn()));

function handlers(printPdf?: ReturnType<typeof headlessChromiumPrinter>) {
  const dir = tempDir('drill-export-');
  const db = openDatabase(dir);
  cleanup.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const h = createDrillHandlers({
    drill: { scenarioId: 'robbery-drill', name: '演练' },
    db,
    dataDir: dir,
    gatewayUrl: 'http://127.0.0.1:9',
    gatewayToken: 't',
    ...(printPdf ? { printPdf } : {}),
  });
  return { h, dir };
}

const chromium = findChromium();

describe('drill report export', () => {
  it('writes a self-contained HTML report into the drill folder', async () => {
    const { h, dir } = handlers();
    const { path: file } = await h['drill.exportReport']({ format: 'html' });
    expect(path.dirname(file)).toBe(path.join(dir, 'reports'));
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script(?! type="application\/json")/);
    expect(html).not.toMatch(/(src|href)="https?:/);
    // Three static charts (timeline, dispatch vs target, response vs tier) and the timeline / expected tables.
    expect(html.match(/<svg/g)).toHaveLength(3);
    expect(html).toContain('<table id="timeline">');
    expect(html).toContain('<table id="expected">');
  });

  it.skipIf(!chromium)(
    `prints the PDF with headless Chromium${chromium ? '' : ' (skipped: no chromium, set CHROMIUM_PATH)'}`,
    async () => {
      const { h, dir } = handlers();
      const { path: file } = await h['drill.exportReport']({ format: 'pdf' });
      expect(file.startsWith(path.join(dir, 'reports'))).toBe(true);
      expect(file.endsWith('.pdf')).toBe(true);
      expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(existsSync(file.replace(/\.pdf$/, '.html'))).toBe(true);
    },
    90_000,
  );

  it('fails the PDF export with a clear error when no Chromium exists', async () => {
    const { h } = handlers(headlessChromiumPrinter(null));
    await expect(h['drill.exportReport']({ format: 'pdf' })).rejects.toThrow(/needs Chromium.*CHROMIUM_PATH/);
    expect(findChromium({ CHROMIUM_PATH: '/nonexistent/chromium', PATH: '' })).toBeNull();
  });
});
