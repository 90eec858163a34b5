import { app, BrowserWindow, dialog, screen } from 'electron';
import type { Rect, WallDisplay } from '../../shared/contract/videoContract';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createEventSink } from '../../shared/contract/bridge';
import { startConsoleRuntime, type ConsoleRuntime } from '../core/consoleRuntime';
import { safeStorageAuditKeyProvider } from './auditKeyStore';
import { DEMO_PACK_RELATIVE } from '../../node/citypack/loadCityPack';
import { contentSecurityPolicy } from '../core/contentSecurityPolicy';
import { loadMediaServers } from '../core/video/mediaConfig';
import { createStreamUrls } from '../core/video/streamUrls';
import { APP_ORIGIN, lockDownWebContents, registerIpcHandlers } from './security';
import { registerAppScheme, serveRenderer } from './appProtocol';
import { loadWindowState, trackWindowState } from './windowState';
import { printHtmlFileToPdf } from './printToPdf';
import { adminCommandArgv, runAdminCommand } from './adminCommands';
import { resolveGatewaySeat, SeatConfigError, type GatewaySeat } from './seatConfig';

/** Electron host: thin glue around the same console runtime the browser host runs. */
const argv = process.argv.slice(app.isPackaged ? 1 : 2);
const { values } = parseArgs({
  args: argv,
  options: {
    /** Without them: seat.json in the user-data folder, or (development only) the local drill gateway. */
    gateway: { type: 'string' },
    token: { type: 'string' },
    'data-dir': { type: 'string' },
    pack: { type: 'string' },
    'demo-operators': { type: 'boolean' },
    'demo-history': { type: 'boolean' },
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

/** The console's database folder; admin commands (`accounts add`, …) default to it too. */
const consoleDataDir = () =>
  typeof values['data-dir'] === 'string' ? values['data-dir'] : path.join(app.getPath('userData'), 'console');

const adminArgv = adminCommandArgv(argv);
if (adminArgv) {
  // No single-instance lock: a running console keeps its window while an account is added.
  runAdminCommand(adminArgv, consoleDataDir()).then(
    (code) => app.exit(code),
    (err: unknown) => {
      console.error(err);
      app.exit(1);
    },
  );
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  lockDownWebContents();
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  // A failed start exits rather than leaving a windowless process holding the instance lock.
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      console.error(err);
      app.exit(1);
    });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void runtime?.close());
}

async function start(): Promise<void> {
  const root = app.getAppPath();
  let seat: GatewaySeat;
  try {
    seat = resolveGatewaySeat(values, { packaged: app.isPackaged, userDataDir: app.getPath('userData') });
  } catch (err) {
    if (!(err instanceof SeatConfigError)) throw err;
    console.error(err.message);
    dialog.showErrorBox('指挥调度台 — 未配置 / not configured', err.message);
    app.exit(1);
    return;
  }
  const { gatewayUrl } = seat;
  const packDir = typeof values.pack === 'string' ? values.pack : path.join(root, DEMO_PACK_RELATIVE);
  const mediaServers = loadMediaServers(packDir, typeof values.media === 'string' ? values.media : null);
  const mediaOrigins = createStreamUrls({ servers: mediaServers, gatewayUrl }).origins();
  serveRenderer(
    path.join(root, 'dist', 'renderer'),
    contentSecurityPolicy({ gatewayOrigin: new URL(gatewayUrl).origin, mediaOrigins }),
  );

  // Every console window (main, pop-out wall) gets every event.
  const emit = createEventSink((channel, payload) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(channel, payload);
  });
  const dataDir = consoleDataDir();
  runtime = await startConsoleRuntime({
    dataDir,
    auditKey: safeStorageAuditKeyProvider(dataDir),
    packDir,
    mediaServers,
    gatewayUrl,
    gatewayToken: seat.token,
    host: 'electron',
    version: app.getVersion(),
    emit,
    demoOperators: values['demo-operators'] === true,
    demoHistory: values['demo-history'] === true,
    drill:
      typeof values.drill === 'string'
        ? {
            scenarioId: values.drill,
            ...(typeof values['drill-name'] === 'string' ? { name: values['drill-name'] } : {}),
          }
        : null,
    // The wall on its own screen: the displays and the wall window; the core chooses (core/video/wallDisplays.ts).
    wallScreens: {
      list: listDisplays,
      open: (bounds) => openWallWindow(root, bounds),
      place: (bounds) => {
        if (!wallWindow || wallWindow.isDestroyed()) return false;
        wallWindow.setBounds(bounds);
        return true;
      },
    },
    printPdf: printHtmlFileToPdf,
    drillScenarioFile: typeof values['drill-scenario'] === 'string' ? values['drill-scenario'] : null,
  });
  registerIpcHandlers(runtime.handlers);

  const state = loadWindowState(app.getPath('userData'));
  mainWindow = createConsoleWindow(root, {
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
  });
  if (state.maximized) mainWindow.maximize();
  if (state.fullScreen) mainWindow.setFullScreen(true);
  trackWindowState(mainWindow, app.getPath('userData'));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  await mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

/**
 * Every console window, main or wall: sandboxed, isolated, our preload only. The preferences
 * are written out in the constructor call so Electronegativity (npm run lint) can see them.
 */
function createConsoleWindow(
  root: string,
  options: Omit<Electron.BrowserWindowConstructorOptions, 'webPreferences'>,
): BrowserWindow {
  return new BrowserWindow({
    backgroundColor: '#0b1220',
    show: false,
    ...options,
    webPreferences: {
      preload: path.join(root, 'dist', 'electron', 'preload.cjs'), // eng-disable PRELOAD_JS_CHECK: reviewed; it exposes only the contract API
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // Middle-click would ask for a new window (denied anyway by the window-open handler).
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

/** Electron's displays for the wall, their work areas as bounds. */
function listDisplays(): WallDisplay[] {
  const primary = screen.getPrimaryDisplay().id;
  return screen.getAllDisplays().map((d, i) => ({
    id: String(d.id),
    label: d.label || `${i + 1}: ${d.size.width}×${d.size.height}`,
    primary: d.id === primary,
    bounds: d.workArea,
  }));
}

/**
 * The pop-out video wall (`wall.open`): a second window on the same app:// origin (so its IPC
 * passes the sender check) that follows the main window's selection. window.open stays denied;
 * a second request focuses the open wall.
 */
async function openWallWindow(root: string, bounds: Rect | null): Promise<void> {
  if (wallWindow && !wallWindow.isDestroyed()) {
    if (wallWindow.isMinimized()) wallWindow.restore();
    if (bounds) wallWindow.setBounds(bounds);
    wallWindow.focus();
    return;
  }
  wallWindow = createConsoleWindow(root, { ...(bounds ?? { width: 1280, height: 760 }), title: '视频墙' });
  wallWindow.once('ready-to-show', () => wallWindow?.show());
  wallWindow.on('closed', () => (wallWindow = null));
  await wallWindow.loadURL(`${APP_ORIGIN}/index.html?view=wall`);
}
