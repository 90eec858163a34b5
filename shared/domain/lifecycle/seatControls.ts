/**
 * Seat controls outside the alert lifecycle and who may use them (席位控制权限). Each needs a
 * signed-in operator with one of the listed roles; the console's request handlers enforce this
 * table and audit every use, and the renderer disables the controls from the same table.
 */
import type { OperatorRole } from './permissions';

export const SEAT_CONTROLS = {
  /** Aim a PTZ dome camera. */
  cameraAim: ['supervisor', 'duty_officer', 'trainee', 'trainer'],
  /** Mute the urgent alarm or change its volume (a silenced alarm is a decision someone answers for). */
  alarm: ['supervisor', 'duty_officer', 'trainee', 'trainer'],
  /** What the video wall shows. */
  wallSource: ['supervisor', 'duty_officer', 'trainee', 'trainer'],
  /** Put a tile's snapshot or a marked moment into an alert's record. */
  videoEvidence: ['supervisor', 'duty_officer', 'trainee', 'trainer'],
  /** Pause, speed or seek a drill's clock: the trainer runs the drill, a supervisor may stand in. */
  drillClock: ['trainer', 'supervisor'],
  /** Export the drill's after-action report. */
  reportExport: ['trainer', 'supervisor', 'duty_officer'],
  /** The statistics view (docs/statistics.md) and its reports: the command center's figures. */
  statistics: ['supervisor', 'duty_officer'],
  /** Accept calibrated ETA speed factors: they change every ETA and 1-3-5 verdict from then on. */
  speedCalibration: ['supervisor'],
  /** Send an idle unit to a better post (repositioning advice). */
  reposition: ['supervisor', 'duty_officer', 'trainer'],
} as const satisfies Record<string, readonly OperatorRole[]>;

export type SeatControl = keyof typeof SEAT_CONTROLS;

export function maySeatControl(role: OperatorRole | null | undefined, control: SeatControl): boolean {
  return role != null && (SEAT_CONTROLS[control] as readonly OperatorRole[]).includes(role);
}
