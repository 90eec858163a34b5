import { z } from 'zod';
import { FeedEnvelopeSchema, WithheldPayloadSchema } from '../../../shared/protocol/feed';
import { AlertReportSchema, type Alert } from '../../../shared/domain/alert';
import { UnitPositionSchema, UnitStatusReportSchema } from '../../../shared/domain/unit';
import { CameraStatusReportSchema } from '../../../shared/domain/camera';
import { toWgs84 } from '../../../shared/domain/coords';
import { loneSurrogateReason } from '../../../shared/protocol/wellFormedText';
import type { FeedBatch } from '../db/consoleRepository';
import { emptySeatFeed } from '../db/seatRepository';
import {
  AlertOwnerPayloadSchema,
  AlertStepPayloadSchema,
  SeatPresencePayloadSchema,
  UnitAssignmentPayloadSchema,
} from '../../../shared/protocol/seats';

export interface DecodeContext {
  /** Highest seq already stored: anything at or below it is a resend and is dropped. */
  lastSeq: number;
  knownUnits: ReadonlySet<string>;
  knownCameras: ReadonlySet<string>;
  receivedAt: string;
}

const describe = (error: z.ZodError): string =>
  error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');

/** Never throws (quarantining must not fail): BigInts and null-prototype objects fall back to a tag. */
const safeStringify = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    try {
      return String(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
};

/**
 * Turns raw gateway messages into one storable batch. Pure: no I/O. Every message either
 * becomes data or a quarantine entry with its reason; none is dropped silently except
 * resends of already-stored seqs. Text is stored exactly or the message is refused.
 */
export function decodeFeedMessages(raw: readonly unknown[], ctx: DecodeContext): FeedBatch {
  const batch: FeedBatch = {
    lastSeq: ctx.lastSeq,
    alerts: [],
    positions: [],
    unitStatus: [],
    cameraStatus: [],
    quarantine: [],
    seats: emptySeatFeed(),
  };
  const seats = batch.seats!;
  const seenAlertIds = new Set<string>();
  const reject = (seq: number | null, type: string | null, reason: string, value: unknown) =>
    batch.quarantine.push({ receivedAt: ctx.receivedAt, seq, type, reason, raw: safeStringify(value) });

  for (const message of raw) {
    const envelope = FeedEnvelopeSchema.safeParse(message);
    if (!envelope.success) {
      const seq =
        typeof (message as { seq?: unknown })?.seq === 'number' ? (message as { seq: number }).seq : null;
      reject(seq, null, `invalid envelope: ${describe(envelope.error)}`, message);
      if (seq !== null && seq > batch.lastSeq) batch.lastSeq = seq;
      continue;
    }
    const { seq, type, payload } = envelope.data;
    if (seq <= batch.lastSeq) continue;
    batch.lastSeq = seq;
    // Any text SQLite would alter (a lone surrogate becomes U+FFFD) refuses the whole message.
    const alteredText = loneSurrogateReason(message);
    if (alteredText) {
      reject(seq, type, alteredText, message);
      continue;
    }
    // The gateway's stand-in for an envelope too large to send: keep its reason, move on.
    const withheld =
      typeof payload === 'object' && payload !== null && 'withheld' in payload
        ? WithheldPayloadSchema.safeParse(payload)
        : null;
    if (withheld?.success) {
      reject(seq, type, `withheld by the gateway: ${withheld.data.withheld.reason}`, message);
      continue;
    }

    switch (type) {
      case 'alert': {
        const report = AlertReportSchema.safeParse(payload);
        if (!report.success) {
          reject(seq, type, `invalid alert: ${describe(report.error)}`, message);
          break;
        }
        // A resend of the same revision inside one burst is dropped here; amendments (a higher
        // revision) go on to the repository, which keeps them in order.
        const revisionKey = `${report.data.id}\u0000${report.data.revision ?? 1}`;
        if (seenAlertIds.has(revisionKey)) break;
        seenAlertIds.add(revisionKey);
        const alert: Alert = {
          ...report.data,
          position: toWgs84(report.data.location, report.data.location.crs),
          status: 'received',
          receivedAt: ctx.receivedAt,
          seq,
        };
        batch.alerts.push(alert);
        break;
      }
      case 'unit.position': {
        const position = UnitPositionSchema.safeParse(payload);
        if (!position.success)
          reject(seq, type, `invalid unit position: ${describe(position.error)}`, message);
        else if (!ctx.knownUnits.has(position.data.unitId))
          reject(seq, type, `unknown unit ${position.data.unitId}`, message);
        else batch.positions.push(position.data);
        break;
      }
      case 'unit.status': {
        const status = UnitStatusReportSchema.safeParse(payload);
        if (!status.success) reject(seq, type, `invalid unit status: ${describe(status.error)}`, message);
        else if (!ctx.knownUnits.has(status.data.unitId))
          reject(seq, type, `unknown unit ${status.data.unitId}`, message);
        else batch.unitStatus.push(status.data);
        break;
      }
      case 'camera.status': {
        const status = CameraStatusReportSchema.safeParse(payload);
        if (!status.success) reject(seq, type, `invalid camera status: ${describe(status.error)}`, message);
        else if (!ctx.knownCameras.has(status.data.cameraId))
          reject(seq, type, `unknown camera ${status.data.cameraId}`, message);
        else batch.cameraStatus.push(status.data);
        break;
      }
      // Protocol 2: the gateway's decisions across seats (docs/protocol.md, "Seats").
      case 'alert.owner': {
        const owner = AlertOwnerPayloadSchema.safeParse(payload);
        if (!owner.success) reject(seq, type, `invalid alert owner: ${describe(owner.error)}`, message);
        else seats.owners.push({ seq, payload: owner.data });
        break;
      }
      case 'alert.step': {
        const step = AlertStepPayloadSchema.safeParse(payload);
        if (!step.success) reject(seq, type, `invalid alert step: ${describe(step.error)}`, message);
        else seats.steps.push({ seq, payload: step.data });
        break;
      }
      case 'unit.assignment': {
        const assignment = UnitAssignmentPayloadSchema.safeParse(payload);
        if (!assignment.success)
          reject(seq, type, `invalid unit assignment: ${describe(assignment.error)}`, message);
        else if (!ctx.knownUnits.has(assignment.data.unitId))
          reject(seq, type, `unknown unit ${assignment.data.unitId}`, message);
        else seats.assignments.push({ seq, payload: assignment.data });
        break;
      }
      case 'seat.presence': {
        const presence = SeatPresencePayloadSchema.safeParse(payload);
        if (!presence.success)
          reject(seq, type, `invalid seat presence: ${describe(presence.error)}`, message);
        else seats.presence.push({ seq, payload: presence.data });
        break;
      }
    }
  }
  return batch;
}

/** The lag of a message: how long after the gateway sent it the console stored it. */
export function lagMs(sentAt: string, receivedAtMs: number): number {
  return Math.max(0, receivedAtMs - Date.parse(sentAt));
}
