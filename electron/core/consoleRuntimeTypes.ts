/** What starts a console runtime (consoleRuntime.ts) and what it gives its host. */
import type { CityPack } from '../../shared/citypack/schema';
import type { HostInfo, RequestHandlers } from '../../shared/contract/api';
import type { EventSink } from '../../shared/contract/bridge';
import type { DrillInfo } from '../../shared/contract/drillContract';
import type { MediaServer } from '../../shared/domain/mediaServers';
import type { ConsoleRepository } from './db/consoleRepository';
import type { GatewayFeed } from './feed/gatewayFeed';
import type { RoutingService } from './routing';
import type { WallScreens } from './video/wallDisplays';
import type { PdfPrinter } from './drill/pdfPrinter';
import type { AuditKeyProvider } from './audit/auditKey';

export interface ConsoleRuntimeOptions {
  dataDir: string;
  packDir: string;
  gatewayUrl: string;
  gatewayToken: string;
  host: HostInfo['host'];
  version: string;
  emit: EventSink;
  /** Seed the documented demo operator accounts when none exist (demo and tests). */
  demoOperators?: boolean;
  /**
   * `npm start`: 30 days of generated, marked history (docs/statistics.md) in a fresh live data
   * folder of a synthetic demo pack; ignored for a real city's pack, a drill or a used folder.
   */
  demoHistory?: boolean;
  /** A training drill (docs/drills.md): the data dir must be this drill's own folder. */
  drill?: DrillInfo | null;
  /** The drill's scenario file (version 2: expected actions and suspect tracks for the scoring). */
  drillScenarioFile?: string | null;
  /** Media servers for the cameras (loadMediaServers: site settings file, then the pack's). */
  mediaServers?: readonly MediaServer[];
  /** Electron: its displays and the pop-out video wall window (`wall.open`, `wall.placeOn`). */
  wallScreens?: WallScreens;
  /** Electron: prints the drill report HTML to PDF (webContents.printToPDF); default headless Chromium. */
  printPdf?: PdfPrinter;
  /** The seat's name the other seats see (status bar, owners); default the stored one, else `seat-<console id>`. */
  seatName?: string;
  /** Where the audit log's HMAC key lives; default the 0600 file beside the data folder (Electron: safeStorage). */
  auditKey?: AuditKeyProvider;
  /**
   * false: the cordon analyses run on the host's event loop instead of their worker thread
   * (cordon/cordonWorker.ts); default true.
   */
  cordonWorker?: boolean;
}

export interface ConsoleRuntime {
  handlers: RequestHandlers;
  pack: CityPack;
  repository: ConsoleRepository;
  feed: GatewayFeed;
  routing: RoutingService;
  /** The renderer asked for something outside the request handlers (a page load): background work waits. */
  noteActivity(): void;
  close(): Promise<void>;
}
