import { app, BrowserWindow } from 'electron';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createEventSink } from '../../shared/contract/bridge';
import { startConsoleRuntime, type ConsoleRuntime } from '../core/consoleRuntime';
import { DEMO_PACK_RELATIVE } from '../core/citypack/loadCityPack';
import { contentSecurityPolicy } from '../core/contentSecurityPolicy';
import { loadMediaServers } from '../core/video/mediaConfig';
import { createStreamUrls } from '../core/video/streamUrls';
import { APP_ORIGIN, lockDownWebContents, registerIpcHandlers } from './security';
import { registerAppScheme, serveRenderer } from './appProtocol';
import { loadWindowState, trackWindowState } from './windowState';
import { printHtmlFileToPdf } from './printToPdf';

/** Electron host: thin glue around the same console runtime the browser host runs. */
const { values } = parseArgs({
  args: process.argv.slice(app.isPackaged ? 1 : 2),
  options: {
    gateway: { type: 'string', default: 'http://127.0.0.1:7410' },
    token: { type: 'string', default: 'demo-token' },
    'data-dir': { type: 'string' },
    pack: { type: 'string' },
    'demo-operators': { type: 'boolean' },
    /** Training drill: the scenario id (docs/drills.md); --data-dir must be the drill's own folder. */
    drill: { type: 'string' },
    'drill-name': { type: 'string' },
    'drill-scenario': { type: 'string' },
    /** Media settings file: the site's media servers, before the pack's. */
    media: { type: 'string' },
  },
  strict: false,
});

let mainWindow: BrowserWindow | null = null;
let wallWindow: BrowserWindow | null = null;
let runtime: ConsoleRuntime | null = null;

// The urgent-alert alarm must sound without the officer clicking first.
app.commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  lockDownWebContents();
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.whenReady().then(start, (err: unknown) => {
    console.error(err);
    app.exit(1);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void runtime?.close());
}

async function start(): Promise<void> {
  const root = app.getAppPath();
  const gatewayUrl = String(values.gateway);
  const packDir = typeof values.pack === 'string' ? values.pack : path.join(root, DEMO_PACK_RELATIVE);
  const mediaServers = loadMediaServers(packDir, typeof values.media === 'string' ? values.media : null);
  const mediaOrigins = createStreamUrls({ servers: mediaServers, gatewayUrl }).origins();
  serveRenderer(path.join(root, 'dist', 'renderer'), contentSecurityPolicy({ gatewayOrigin: new URL(gatewayUrl).origin, mediaOrigins }));

  // Every console window (main, pop-out wall) gets every event.
  const emit = createEventSink((channel, payload) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(channel, payload);
  });
  runtime = await startConsoleRuntime({
    dataDir: typeof values['data-dir'] === 'string' ? values['data-dir'] : path.join(app.getPath('userData'), 'console'),
    packDir,
    mediaServers,
    gatewayUrl,
    gatewayToken: String(values.token),
    host: 'electron',
    version: app.getVersion(),
    emit,
    demoOperators: values['demo-operators'] === true,
    drill: typeof values.drill === 'string' ? { scenarioId: values.drill, ...(typeof values['drill-name'] === 'string' ? { name: values['drill-name'] } : {}) } : null,
    openWall: async () => openWallWindow(root),
    printPdf: printHtmlFileToPdf,
    drillScenarioFile: typeof values['drill-scenario'] === 'string' ? values['drill-scenario'] : null,
  });
  registerIpcHandlers(runtime.handlers);

  const state = loadWindowState(app.getPath('userData'));
  mainWindow = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    backgroundColor: '#0b1220',
    show: false,
    webPreferences: secureWebPreferences(root),
  });
  if (state.maximized) mainWindow.maximize();
  if (state.fullScreen) mainWindow.setFullScreen(true);
  trackWindowState(mainWindow, app.getPath('userData'));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  await mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

/** Every console window, main or wall: sandboxed, isolated, our preload only. */
function secureWebPreferences(root: string): Electron.WebPreferences {
  return {
    preload: path.join(root, 'dist', 'electron', 'preload.cjs'),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    spellcheck: false,
  };
}

/**
 * The pop-out video wall (`wall.open`): a second window on the same app:// origin (so its IPC
 * passes the sender check) that follows the main window's selection. window.open stays denied;
 * a second request focuses the open wall.
 */
async function openWallWindow(root: string): Promise<void> {
  if (wallWindow && !wallWindow.isDestroyed()) {
    if (wallWindow.isMinimized()) wallWindow.restore();
    wallWindow.focus();
    return;
  }
  wallWindow = new BrowserWindow({ width: 1280, height: 760, backgroundColor: '#0b1220', title: '视频墙', show: false, webPreferences: secureWebPreferences(root) });
  wallWindow.once('ready-to-show', () => wallWindow?.show());
  wallWindow.on('closed', () => (wallWindow = null));
  await wallWindow.loadURL(`${APP_ORIGIN}/index.html?view=wall`);
}
