import { BrowserWindow } from 'electron';
import { writeFile } from 'node:fs/promises';

/**
 * The Electron PDF printer for drill reports: a hidden, script-less window loads the
 * self-contained report HTML and prints it with webContents.printToPDF. The runtime gets this
 * injected (consoleRuntime `printPdf`), so electron/core stays free of Electron.
 */
export async function printHtmlFileToPdf(htmlFile: string, pdfFile: string): Promise<void> {
  const win = new BrowserWindow({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true } }); // eng-disable AUXCLICK_JS_CHECK: hidden, never shown, takes no clicks
  try {
    await win.loadFile(htmlFile);
    const pdf = await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4', landscape: true });
    await writeFile(pdfFile, pdf);
  } finally {
    win.destroy();
  }
}
