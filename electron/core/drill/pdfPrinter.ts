import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

/** Turns a self-contained HTML file into a PDF file (host-specific: Electron printToPDF or headless Chromium). */
export type PdfPrinter = (htmlFile: string, pdfFile: string) => Promise<void>;

/**
 * The Chromium executable for the browser host: CHROMIUM_PATH, else /usr/bin/chromium, else
 * `chromium` on PATH; null when none exists (the export then fails with a clear error).
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, 'chromium'))) return path.join(dir, 'chromium');
  }
  return null;
}

/**
 * PDF through headless Chromium on the HTML file (no network: the report is self-contained).
 * Its own throwaway profile directory, so it never meets a running browser's profile lock.
 */
export function headlessChromiumPrinter(
  executable: string | null = findChromium(),
  timeoutMs = 60_000,
): PdfPrinter {
  return async (htmlFile, pdfFile) => {
    if (!executable)
      throw new Error(
        'PDF export needs Chromium: install it (apt-get install chromium) or set CHROMIUM_PATH',
      );
    const profile = `${pdfFile}.profile`;
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-pdf-header-footer',
      `--user-data-dir=${profile}`,
      `--print-to-pdf=${pdfFile}`,
      pathToFileURL(htmlFile).href,
    ];
    await new Promise<void>((resolve, reject) => {
      execFile(executable, args, { timeout: timeoutMs }, (err, _stdout, stderr) => {
        if (err)
          reject(
            new Error(
              `PDF export: ${executable} failed (${err.message.split('\n')[0]}) ${String(stderr).slice(-300)}`,
            ),
          );
        else resolve();
      });
    });
    rmSync(profile, { recursive: true, force: true });
    if (!existsSync(pdfFile)) throw new Error(`PDF export: ${executable} wrote no ${pdfFile}`);
  };
}
