import { randomUUID } from 'node:crypto';
import type { RequestHandlers } from '../../../shared/contract/api';
import type { EventSink } from '../../../shared/contract/bridge';
import type { NearbyCamera, WallSource } from '../../../shared/contract/videoContract';
import type { Camera } from '../../../shared/domain/camera';
import { coversPoint, isPtz, ptzAim, type RankedCamera } from '../../../shared/domain/cameraSelection';
import { CameraIndex } from '../../../shared/domain/cameraIndex';
import { haversineMeters } from '../../../shared/domain/geo';
import type { LngLat } from '../../../shared/domain/geo';
import { CommandAckSchema, GatewayEvents } from '../../../shared/protocol/feed';
import { signStreamUrl } from '../../../node/streamUrl';
import type { MediaServer } from '../../../shared/domain/mediaServers';
import { createStreamUrls } from './streamUrls';

export { resolveStreamUrl } from './streamUrls';
import { resolveStreamUrl } from './streamUrls';

export interface VideoRuntimeOptions {
  cameras: readonly Camera[];
  /** Base for the gateway's relative stream paths (`/streams/<id>/index.m3u8`). */
  gatewayUrl: string;
  /** Media servers (site settings, then the pack's): cameras without listed streams get theirs from these. */
  mediaServers?: readonly MediaServer[];
  /** Live online state by camera id (the repository's camera.status view). */
  cameraOnline: () => Readonly<Record<string, boolean>>;
  /** Sends one gateway command and resolves with its raw ack (GatewayFeed.command). */
  sendCommand: (event: string, command: unknown, timeoutMs?: number) => Promise<unknown>;
  emit: EventSink;
  /** Audits each PTZ command sent, with its outcome (accepted, refused, or no answer). */
  audit?: (entry: {
    cameraId: string;
    pan: number;
    tilt: number;
    commandId: string;
    ok: boolean;
    error?: string;
  }) => void;
  /**
   * Key of the gateway's signed stream URLs (node/streamUrl.ts, derived from the token):
   * stream URLs on the gateway's origin are signed afresh on every listing. Other origins pass as they are.
   */
  streamUrlKey?: Buffer;
}

type VideoHandlers = Pick<
  RequestHandlers,
  | 'cameras.inArea'
  | 'cameras.byIds'
  | 'cameras.lookback'
  | 'cameras.aim'
  | 'selection.set'
  | 'selection.get'
  | 'wall.setSource'
  | 'wall.getSource'
>;

/** The playable URL: absolute, and signed when the gateway serves it (its `/streams/`). */
export function playableStreamUrl(
  url: string,
  cameraId: string,
  gatewayUrl: string,
  key: Buffer | undefined,
): string {
  const absolute = resolveStreamUrl(url, gatewayUrl);
  if (!key) return absolute;
  try {
    const u = new URL(absolute);
    return u.origin === new URL(gatewayUrl).origin && u.pathname.startsWith('/streams/')
      ? signStreamUrl(key, absolute, cameraId)
      : absolute;
  } catch {
    return absolute;
  }
}

/**
 * Video linkage on the console side: ranks cameras for an alert or an area (shared geometry in
 * shared/domain/cameraSelection.ts), aims PTZ domes through the gateway, and keeps the one
 * selection every console window follows.
 */
export function createVideoRuntime(options: VideoRuntimeOptions): {
  handlers: VideoHandlers;
  nearbyCameras(point: LngLat, limit: number): NearbyCamera[];
} {
  const byId = new Map(options.cameras.map((c) => [c.id, c]));
  const index = new CameraIndex(options.cameras);
  let selection: string | null = null;
  let wallSource: WallSource = { area: null, cameras: null };
  const urls = createStreamUrls({
    servers: options.mediaServers ?? [],
    gatewayUrl: options.gatewayUrl,
    finish: (url, camera) => playableStreamUrl(url, camera.id, options.gatewayUrl, options.streamUrlKey),
  });

  const withLiveState = (ranked: RankedCamera[], online: Readonly<Record<string, boolean>>): NearbyCamera[] =>
    ranked.map(({ camera, distanceM, covers, aim }) => ({
      camera: {
        ...camera,
        online: online[camera.id] ?? camera.online,
        streams: urls.live(camera),
      },
      distanceM,
      covers,
      ...(aim ? { aim } : {}),
    }));

  const nearbyCameras = (point: LngLat, limit: number): NearbyCamera[] => {
    const online = options.cameraOnline();
    return withLiveState(
      index.rankForPoint(point, { limit, isOnline: (c) => online[c.id] ?? c.online }),
      online,
    );
  };

  const handlers: VideoHandlers = {
    'cameras.inArea': async ({ circle, polygon, limit }) => {
      const online = options.cameraOnline();
      const area = circle ? { circle } : { polygon: polygon! };
      return withLiveState(
        index.inArea(area, { limit: limit ?? 50, isOnline: (c) => online[c.id] ?? c.online }),
        online,
      );
    },
    'cameras.byIds': async ({ ids, point }) => {
      const unknown = ids.filter((id) => !byId.has(id));
      if (unknown.length) throw new Error(`unknown camera ${unknown.join(', ')}`);
      const ranked = [...new Set(ids)].map((id): RankedCamera => {
        const camera = byId.get(id)!;
        if (!point) return { camera, distanceM: 0, covers: false };
        const distanceM = haversineMeters(camera, point);
        return {
          camera,
          distanceM,
          covers: coversPoint(camera, point, distanceM),
          ...(isPtz(camera) ? { aim: ptzAim(camera, point) } : {}),
        };
      });
      return withLiveState(ranked, options.cameraOnline());
    },
    'cameras.lookback': async ({ ids, fromMs }) => {
      const unknown = ids.filter((id) => !byId.has(id));
      if (unknown.length) throw new Error(`unknown camera ${unknown.join(', ')}`);
      if (fromMs > Date.now()) throw new Error('look-back cannot start in the future');
      return ids.map((id) => ({ cameraId: id, streams: urls.lookback(byId.get(id)!, fromMs) }));
    },
    'cameras.aim': async ({ cameraId, lng, lat }) => {
      const camera = byId.get(cameraId);
      if (!camera) throw new Error(`unknown camera ${cameraId}`);
      if (!isPtz(camera))
        throw new Error(`camera ${camera.name} is a fixed ${camera.kind} camera and cannot be aimed`);
      const { pan, tilt } = ptzAim(camera, { lng, lat });
      const commandId = randomUUID();
      const record = (ok: boolean, error?: string) =>
        options.audit?.({ cameraId, pan, tilt, commandId, ok, ...(error ? { error } : {}) });
      let ack;
      try {
        ack = CommandAckSchema.parse(
          await options.sendCommand(
            GatewayEvents.command,
            { commandId, kind: 'camera.ptz', payload: { cameraId, pan, tilt } },
            5000,
          ),
        );
      } catch (err) {
        record(false, err instanceof Error ? err.message : String(err));
        throw err;
      }
      record(ack.ok, ack.ok ? undefined : (ack.error ?? 'no reason given'));
      if (!ack.ok) throw new Error(`gateway refused camera.ptz: ${ack.error ?? 'no reason given'}`);
      return { cameraId, pan, tilt };
    },
    'selection.set': async (alertId) => {
      if (alertId !== selection) {
        selection = alertId;
        options.emit('selection.changed', { alertId });
      }
      return { alertId: selection };
    },
    'selection.get': async () => ({ alertId: selection }),
    'wall.setSource': async (source) => {
      if (JSON.stringify(source) !== JSON.stringify(wallSource)) {
        wallSource = source;
        options.emit('wall.sourceChanged', source);
      }
      return wallSource;
    },
    'wall.getSource': async () => wallSource,
  };
  return { handlers, nearbyCameras };
}
