import { z } from 'zod';
import { AlertSchema } from '../domain/alert';
import { UnitPositionSchema, UnitSchema, UnitStatusReportSchema } from '../domain/unit';
import { CameraStatusReportSchema } from '../domain/camera';
import { RoadCollectionSchema } from '../citypack/schema';
import { ConsolePackWireSchema } from '../citypack/consolePackWire';
import { packRequests } from './packContract';
import { dispatchEvents, dispatchRequests } from './dispatchContract';
import { NearbyUnitSchema, PositionSchema, routingEvents, routingRequests } from './routingContract';
import { NearbyCameraSchema, videoEvents, videoRequests } from './videoContract';
import { DrillInfoSchema, drillRequests } from './drillContract';
import { cordonEvents, cordonRequests } from './cordonContract';
import { seatEvents, seatRequests } from './seatContract';
import { statsRequests } from './statsContract';
import { insightRequests } from './insightContract';
import { evidenceEvents, evidenceRequests } from './evidenceContract';
import { handoverRequests } from './handoverContract';
import { request } from './request';

/**
 * The console API contract: the one place that names what the renderer may ask of its host
 * and what the host pushes to it. The Electron preload, the main-process IPC handlers, the
 * browser-host server and the renderer's browser bridge are all generated from these maps.
 * Each request declares its argument tuple (validated with zod where it is received) and its
 * result; each event declares its payload.
 */

export const LocaleSchema = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

export const SettingsSchema = z.object({
  locale: LocaleSchema,
  alarmMuted: z.boolean(),
  alarmVolume: z.number().min(0).max(1),
  /** The pop-out wall's display (a host's display id; null: wherever it opens), its layout and tour interval. */
  wallDisplay: z.string().min(1).max(200).nullable(),
  wallLayout: z.union([z.literal(1), z.literal(4), z.literal(9), z.literal(16)]),
  tourSeconds: z.number().int().min(3).max(600),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const FeedStatusSchema = z.object({
  state: z.enum(['connecting', 'connected', 'disconnected', 'error']),
  gatewayUrl: z.string(),
  lastSeq: z.number().int().nonnegative(),
  /** Receive time minus gateway send time of the newest message, ms. */
  lagMs: z.number().nullable(),
  lastMessageAt: z.string().nullable(),
  messagesReceived: z.number().int().nonnegative(),
  quarantineCount: z.number().int().nonnegative(),
  error: z.string().nullable(),
});
export type FeedStatus = z.infer<typeof FeedStatusSchema>;

export const QuarantineEntrySchema = z.object({
  id: z.number().int(),
  receivedAt: z.string(),
  seq: z.number().int().nullable(),
  type: z.string().nullable(),
  reason: z.string(),
  raw: z.string(),
});
export type QuarantineEntry = z.infer<typeof QuarantineEntrySchema>;

export { NearbyCameraSchema };
export const NearbyResultSchema = z.object({
  alertId: z.string(),
  cameras: z.array(NearbyCameraSchema),
  /** Available units ranked by road ETA; units without a road ETA last (etaSeconds null). */
  units: z.array(NearbyUnitSchema),
  /** Road route of the first (fastest) unit, unit → alert; null when no unit can reach it. */
  bestRoute: z.array(PositionSchema).min(2).nullable(),
  /** How distances were measured: along the road network (docs/routing.md). */
  method: z.literal('road'),
});
export type NearbyResult = z.infer<typeof NearbyResultSchema>;

export const HostInfoSchema = z.object({
  host: z.enum(['electron', 'browser']),
  version: z.string(),
  dataDir: z.string(),
  gatewayUrl: z.string(),
  packId: z.string(),
  /** Set when the console runs a training drill (演练) on its own data folder and gateway. */
  drill: DrillInfoSchema.nullable(),
});
export type HostInfo = z.infer<typeof HostInfoSchema>;

export const SnapshotSchema = z.object({
  alerts: z.array(AlertSchema),
  units: z.array(UnitSchema),
  cameraStatus: z.record(z.string(), z.boolean()),
  feed: FeedStatusSchema,
  settings: SettingsSchema,
  host: HostInfoSchema,
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

export const requestContract = {
  'session.snapshot': request(z.tuple([]), SnapshotSchema),
  /**
   * The pack without its road network, its cameras as a table (ConsolePackWireSchema; the
   * renderer's fromConsolePackWire gives the ConsolePack); the roads by 'city.roads'.
   */
  'city.pack': request(z.tuple([]), ConsolePackWireSchema),
  'city.roads': request(z.tuple([]), RoadCollectionSchema),
  'alerts.list': request(z.tuple([z.object({ includeClosed: z.boolean() })]), z.array(AlertSchema)),
  'alerts.nearby': request(
    z.tuple([
      z.object({
        alertId: z.string().min(1),
        cameraLimit: z.number().int().min(1).max(50),
        unitLimit: z.number().int().min(1).max(50),
      }),
    ]),
    NearbyResultSchema,
  ),
  'quarantine.list': request(
    z.tuple([z.object({ limit: z.number().int().min(1).max(1000) })]),
    z.array(QuarantineEntrySchema),
  ),
  'settings.update': request(z.tuple([SettingsSchema.partial()]), SettingsSchema),
  ...dispatchRequests,
  ...routingRequests,
  ...videoRequests,
  ...drillRequests,
  ...cordonRequests,
  ...packRequests,
  ...seatRequests,
  ...statsRequests,
  ...insightRequests,
  ...evidenceRequests,
  ...handoverRequests,
} as const;

export const eventContract = {
  'alerts.upserted': z.array(AlertSchema),
  'units.positions': z.array(UnitPositionSchema),
  'units.status': z.array(UnitStatusReportSchema),
  'cameras.status': z.array(CameraStatusReportSchema),
  'feed.status': FeedStatusSchema,
  'settings.changed': SettingsSchema,
  ...dispatchEvents,
  ...routingEvents,
  ...videoEvents,
  ...cordonEvents,
  ...seatEvents,
  ...evidenceEvents,
} as const;

export type RequestName = keyof typeof requestContract;
export type EventName = keyof typeof eventContract;
export type RequestArgs<K extends RequestName> = z.infer<(typeof requestContract)[K]['args']>;
export type RequestResult<K extends RequestName> = z.infer<(typeof requestContract)[K]['result']>;
export type EventPayload<E extends EventName> = z.infer<(typeof eventContract)[E]>;

export const requestNames = Object.keys(requestContract) as RequestName[];
export const eventNames = Object.keys(eventContract) as EventName[];

/** What a host implements: one handler per request. */
export type RequestHandlers = { [K in RequestName]: (...args: RequestArgs<K>) => Promise<RequestResult<K>> };

/** What the renderer sees: the same requests as async functions, and typed subscriptions. */
export interface ConsoleApi {
  readonly requests: { [K in RequestName]: (...args: RequestArgs<K>) => Promise<RequestResult<K>> };
  /** Returns the unsubscribe function. */
  readonly subscribe: { [E in EventName]: (listener: (payload: EventPayload<E>) => void) => () => void };
}
