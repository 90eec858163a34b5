import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { GatewayEvents, type GatewayHello } from '../../shared/protocol/feed';
import type { Scenario, ScenarioEvent } from '../../shared/protocol/scenario';
import { STANDARD_PACK_FILES } from '../../shared/citypack/schema';
import type { WireEnvelope } from '../../gateway/feed/feedLog';
import { signStreamUrl, streamUrlKey } from '../../node/streamUrl';

/**
 * Test helpers: a tiny city pack (a 4×4 street grid, 3 units, 3 cameras) and a scenario, written
 * to a temp dir, so gateway tests never depend on the generated demo city.
 */
export const FIXTURE_PACK_ID = 'test-grid';
export const FIXTURE_UNITS = ['U-CAR-1', 'U-EBIKE-1', 'U-FOOT-1'];
export const FIXTURE_CAMERAS = ['14050200001320000001', '14050200001320000002', '14050200001310000003'];
const ORIGIN = { lng: 112.85, lat: 35.49 };
/** ~200 m between grid lines at this latitude. */
const STEP = 0.002;

export function tempDir(prefix = 'gateway-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

const collection = (features: unknown[]) => ({ type: 'FeatureCollection', features });

function gridRoads(): unknown[] {
  const roads: unknown[] = [];
  const n = 4;
  for (let i = 0; i < n; i++) {
    const row: [number, number][] = [];
    const column: [number, number][] = [];
    for (let j = 0; j < n; j++) {
      row.push([ORIGIN.lng + j * STEP, ORIGIN.lat + i * STEP]);
      column.push([ORIGIN.lng + i * STEP, ORIGIN.lat + j * STEP]);
    }
    const props = (id: string) => ({ id, class: 'residential', name: `${id}路`, oneway: false });
    roads.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: row },
      properties: props(`row-${i}`),
    });
    roads.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: column },
      properties: props(`col-${i}`),
    });
  }
  return roads;
}

export function writeFixturePack(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const write = (file: string, value: unknown) =>
    fs.writeFileSync(path.join(dir, file), JSON.stringify(value));
  write('pack.json', {
    format: 'dispatch-city-pack',
    version: 1,
    id: FIXTURE_PACK_ID,
    name: { zh: '测试网格', en: 'Test grid' },
    synthetic: true,
    attribution: 'test fixture',
    adcode: '140502',
    center: [ORIGIN.lng + 1.5 * STEP, ORIGIN.lat + 1.5 * STEP],
    zoom: 15,
    bbox: [ORIGIN.lng, ORIGIN.lat, ORIGIN.lng + 3 * STEP, ORIGIN.lat + 3 * STEP],
    files: { ...STANDARD_PACK_FILES },
  });
  write('roads.geojson', collection(gridRoads()));
  write('boundaries.geojson', collection([]));
  write('districts.geojson', collection([]));
  write('places.geojson', collection([]));
  const types = ['car', 'ebike', 'foot'];
  write(
    'units.json',
    FIXTURE_UNITS.map((id, i) => ({
      id,
      callsign: `巡${i + 1}`,
      type: types[i],
      districtId: 'd1',
      home: { lng: ORIGIN.lng + i * STEP + 0.0003, lat: ORIGIN.lat + 0.0002 },
    })),
  );
  write(
    'cameras.json',
    FIXTURE_CAMERAS.map((id, i) => ({
      id,
      name: `摄像机${i + 1}`,
      kind: 'gun',
      class: 1,
      lng: ORIGIN.lng + i * STEP,
      lat: ORIGIN.lat + STEP,
      heading: 90,
      fov: 60,
      range: 80,
      streams: [],
      online: true,
    })),
  );
  write('checkpoints.json', []);
  return dir;
}

export function fixtureAlertId(i: number): string {
  return `A-${String(i).padStart(4, '0')}`;
}

/** `alerts` alerts, one every `spacing` scenario seconds from t = spacing, plus a few status events. */
export function fixtureScenario(alerts: number, spacing = 1): Scenario {
  const events: ScenarioEvent[] = [];
  for (let i = 1; i <= alerts; i++) {
    events.push({
      t: i * spacing,
      type: 'alert',
      payload: {
        id: fixtureAlertId(i),
        source: i % 3 === 0 ? '12345' : '110',
        category: 'theft',
        priority: 3,
        reportedAt: '2024-05-01T19:00:00+08:00',
        location: { lng: ORIGIN.lng + 0.001, lat: ORIGIN.lat + 0.001, crs: 'WGS84' },
        address: `测试路${i}号`,
        caller: { phone: '13800000000' },
        description: `test alert ${i}`,
      },
    });
  }
  events.push({
    t: 1.5 * spacing,
    type: 'unit.status',
    payload: {
      unitId: FIXTURE_UNITS[0]!,
      status: 'dispatched',
      at: '2024-05-01T19:00:00+08:00',
      alertId: fixtureAlertId(1),
    },
  });
  events.push({
    t: 2.5 * spacing,
    type: 'camera.status',
    payload: { cameraId: FIXTURE_CAMERAS[1]!, online: false, at: '2024-05-01T19:00:00+08:00' },
  });
  return {
    format: 'dispatch-scenario',
    version: 1,
    id: 'test-drill',
    name: { zh: '测试演练', en: 'Test drill' },
    description: 'fixture',
    cityPack: FIXTURE_PACK_ID,
    durationSec: (alerts + 1) * spacing,
    events,
  };
}

export function writeFixture(
  dir: string,
  scenario: Scenario = fixtureScenario(10),
): { packDir: string; scenarioFile: string; scenario: Scenario } {
  const packDir = writeFixturePack(path.join(dir, 'pack'));
  const scenarioFile = path.join(dir, 'scenario.json');
  fs.writeFileSync(scenarioFile, JSON.stringify(scenario));
  return { packDir, scenarioFile, scenario };
}

/** A console stand-in: records hellos and every envelope, resumes from the last seq it saw. */
export interface RecordingClient {
  socket: Socket;
  hellos: GatewayHello[];
  /** Every envelope received, in arrival order (not deduplicated: tests check for doubles). */
  envelopes: WireEnvelope[];
  /** Each gw:feed emit as received (to check batching). */
  batches: WireEnvelope[][];
  lastSeq(): number;
  close(): void;
}

export function recordingClient(
  url: string,
  options: { token?: string; since?: number; consoleId?: string } = {},
): RecordingClient {
  const envelopes: WireEnvelope[] = [];
  const client: RecordingClient = {
    socket: null as unknown as Socket,
    hellos: [],
    envelopes,
    batches: [],
    lastSeq: () => envelopes.reduce((max, e) => Math.max(max, e.seq), options.since ?? 0),
    close: () => client.socket.disconnect(),
  };
  client.socket = io(url, {
    // A function, like the console's feed client: every reconnect resumes from the newest seq.
    auth: (cb) =>
      cb({
        token: options.token ?? 'demo-token',
        since: client.lastSeq(),
        consoleId: options.consoleId ?? 'test-console',
      }),
    transports: ['websocket'],
    reconnectionDelay: 50,
    reconnectionDelayMax: 100,
  });
  client.socket.on(GatewayEvents.hello, (hello: GatewayHello) => client.hellos.push(hello));
  client.socket.on(GatewayEvents.feed, (batch: WireEnvelope[]) => {
    client.batches.push(batch);
    envelopes.push(...batch);
  });
  return client;
}

export async function waitFor(condition: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The stream URL key of a gateway on the default token (what the console signs with). */
export const TEST_STREAM_KEY = streamUrlKey('demo-token');

/** fetch() of a `/streams/<camera id>/…` URL, signed as the console would sign it. */
export function fetchStream(url: string, init?: RequestInit): Promise<Response> {
  const cameraId = /^\/(?:streams|rtp)\/(\d{20})/.exec(new URL(url).pathname)?.[1] ?? '';
  return fetch(signStreamUrl(TEST_STREAM_KEY, url, cameraId), init);
}
