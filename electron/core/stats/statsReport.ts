import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { StatsReportFormat, StatsResult } from '../../../shared/contract/statsContract';
import { headlessChromiumPrinter, type PdfPrinter } from '../drill/pdfPrinter';
import { renderStatsReportHtml } from './reportHtml';
import { writeStatsXlsx } from './reportXlsx';

/**
 * Writes the statistics report to `file` as HTML, PDF (printed from the same HTML, kept beside
 * it, through the drill reports' printer) or XLSX.
 */
export async function writeStatsReport(
  result: StatsResult,
  format: StatsReportFormat,
  file: string,
  printPdf?: PdfPrinter,
): Promise<string> {
  mkdirSync(path.dirname(file), { recursive: true });
  if (format === 'xlsx') {
    await writeStatsXlsx(result, file);
    return file;
  }
  const html = format === 'html' ? file : file.replace(/\.pdf$/i, '') + '.html';
  writeFileSync(html, renderStatsReportHtml(result));
  if (format === 'pdf') await (printPdf ?? headlessChromiumPrinter())(html, file);
  return file;
}

/** The default file name in a data folder's reports/. */
export function reportFileName(dataDir: string, result: StatsResult, format: StatsReportFormat): string {
  return path.join(
    dataDir,
    'reports',
    `stats-${result.period.from}_${result.period.to}-${result.generatedAt.replace(/[:.]/g, '-')}.${format}`,
  );
}
