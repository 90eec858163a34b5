/**
 * The console pack as `city.pack` carries it (issue 16, first usable map on the large city): the
 * cameras as one array per field (a table) instead of one object per camera. On the large city
 * (65,000 cameras) the object form was 11.7 MB of JSON, more than half of it the same eleven keys
 * repeated per camera; the host encoded it, the bridge carried it and the page parsed it before
 * the map could be made. The renderer turns the table back into `Camera` objects
 * (`fromConsolePackWire`), so nothing past the request sees the difference.
 */
import { z } from 'zod';
import { CameraKindSchema, CameraSchema, DeviceIdSchema, StreamSchema, type Camera } from '../domain/camera';
import { ConsolePackSchema, type ConsolePack } from './schema';

const shape = CameraSchema.shape;

export const CameraTableSchema = z
  .object({
    id: z.array(DeviceIdSchema),
    name: z.array(shape.name),
    kind: z.array(CameraKindSchema),
    class: z.array(shape.class),
    lng: z.array(shape.lng),
    lat: z.array(shape.lat),
    heading: z.array(shape.heading),
    fov: z.array(shape.fov),
    range: z.array(shape.range),
    online: z.array(shape.online),
    /** Only the cameras that have streams (few do), by their index: `[index, streams]`. */
    streams: z.array(z.tuple([z.number().int().nonnegative(), z.array(StreamSchema)])),
  })
  .refine(
    (t) =>
      [t.name, t.kind, t.class, t.lng, t.lat, t.heading, t.fov, t.range, t.online].every(
        (column) => column.length === t.id.length,
      ) && t.streams.every(([i]) => i < t.id.length),
    { message: 'every camera column has one entry per camera' },
  );
export type CameraTable = z.infer<typeof CameraTableSchema>;

export const ConsolePackWireSchema = ConsolePackSchema.omit({ cameras: true }).extend({
  cameraTable: CameraTableSchema,
});
export type ConsolePackWire = z.infer<typeof ConsolePackWireSchema>;

export function toCameraTable(cameras: readonly Camera[]): CameraTable {
  const streams: CameraTable['streams'] = [];
  cameras.forEach((c, i) => {
    if (c.streams.length > 0) streams.push([i, c.streams]);
  });
  return {
    id: cameras.map((c) => c.id),
    name: cameras.map((c) => c.name),
    kind: cameras.map((c) => c.kind),
    class: cameras.map((c) => c.class),
    lng: cameras.map((c) => c.lng),
    lat: cameras.map((c) => c.lat),
    heading: cameras.map((c) => c.heading),
    fov: cameras.map((c) => c.fov),
    range: cameras.map((c) => c.range),
    online: cameras.map((c) => c.online),
    streams,
  };
}

/** The cameras again, their fields in `CameraSchema`'s order (the same object shape as parsed JSON). */
export function fromCameraTable(t: CameraTable): Camera[] {
  const streams = new Map(t.streams);
  const cameras: Camera[] = new Array<Camera>(t.id.length);
  for (let i = 0; i < t.id.length; i++)
    cameras[i] = {
      id: t.id[i]!,
      name: t.name[i]!,
      kind: t.kind[i]!,
      class: t.class[i]!,
      lng: t.lng[i]!,
      lat: t.lat[i]!,
      heading: t.heading[i]!,
      fov: t.fov[i]!,
      range: t.range[i]!,
      streams: streams.get(i) ?? [],
      online: t.online[i]!,
    };
  return cameras;
}

export function toConsolePackWire(pack: ConsolePack): ConsolePackWire {
  const { cameras, ...rest } = pack;
  return { ...rest, cameraTable: toCameraTable(cameras) };
}

export function fromConsolePackWire(wire: ConsolePackWire): ConsolePack {
  const { cameraTable, ...rest } = wire;
  return { ...rest, cameras: fromCameraTable(cameraTable) };
}
