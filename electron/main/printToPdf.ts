import { BrowserWindow } from 'electron';
import { writeFile } from 'node:fs/promises';

/**
 * The Electron PDF printer for drill reports: a hidden, script-less window loads the
 * self-contained report HTML and prints it with webContents.printToPDF. The runtime gets this
 * injected (consoleRuntime `printPdf`), so electron/core stays free of Electron.
 */
export async function printHtmlFileToPdf(htmlFile: string, pdfFile: string): Promise<void> {
  const win = new BrowserWindow({
    show: false,
    // Hidden and script-less: no click reaches it, so Auxclick is off only for the lint's sake.
    webPreferences: {
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  try {
    await win.loadFile(htmlFile);
    const pdf = await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4', landscape: true });
    await writeFile(pdfFile, pdf);
  } finally {
    win.destroy();
  }
}
