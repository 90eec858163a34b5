import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Assignment, Crossing } from '../../../../shared/cordon/schema';

export const mmss = (s: number): string => {
  const a = Math.abs(Math.round(s));
  return `${s < 0 ? '−' : ''}${Math.floor(a / 60)}:${String(a % 60).padStart(2, '0')}`;
};

export interface GapActions {
  callsign(unitId: string): string;
  checkpointName(checkpointId: string): string;
  /** Units that may be sent (available, not just sent), in the order to offer them. */
  availableUnitIds: readonly string[];
  /** The crossing's ANPR bayonet cameras (checkpoint's own, then nearby). */
  bayonets(crossing: Crossing): string[];
  onVideo(crossing: Crossing, cameraIds: string[]): void;
  /** Null when no operator is signed in or an action is running. */
  onSend: ((crossing: Crossing, unitId: string) => void) | null;
}

/**
 * One crossing of a ring: road and class, status, suspect against police time, the recommended
 * (or sent) unit; actions: its bayonet cameras on the video wall, and send a unit (the
 * recommended one, or another chosen here) to close it.
 */
export function CordonGap({
  crossing: c,
  assignment,
  sentUnit,
  actions,
}: {
  crossing: Crossing;
  assignment: Assignment | undefined;
  sentUnit: string | undefined;
  actions: GapActions;
}) {
  const { t } = useTranslation();
  const suggested =
    assignment?.unitId ??
    (c.bestUnitId && actions.availableUnitIds.includes(c.bestUnitId) ? c.bestUnitId : undefined);
  const [chosen, setChosen] = useState<string>('');
  const unitId =
    chosen && actions.availableUnitIds.includes(chosen)
      ? chosen
      : (suggested ?? actions.availableUnitIds[0] ?? '');
  const offered = suggested
    ? [suggested, ...actions.availableUnitIds.filter((u) => u !== suggested)]
    : actions.availableUnitIds;
  const road = [c.roadRef, c.roadName].filter(Boolean).join(' ') || t('cordon.unnamedRoad');
  const suspect =
    c.suspectSeconds === null
      ? t('cordon.unreachable')
      : c.suspectSeconds < 0
        ? t('cordon.through')
        : mmss(c.suspectSeconds);
  const cameras = actions.bayonets(c);
  return (
    <li
      className={`cordon-gap status-${c.status}`}
      data-testid="cordon-gap"
      data-status={c.status}
      data-crossing-id={c.id}
      data-road-class={c.roadClass}
    >
      <span className="cordon-gap-road">
        {c.id} {road}{' '}
        <span className={`cordon-gap-class road-class-${c.roadClass}`} data-testid="cordon-gap-class">
          {t(`cordon.roadClass.${c.roadClass}`, { defaultValue: c.roadClass })}
        </span>
      </span>
      <span className="cordon-gap-status">
        {c.covered && c.checkpointId
          ? actions.checkpointName(c.checkpointId)
          : t(`cordon.status.${c.status}`)}
      </span>
      {c.covered ? null : (
        <span className="cordon-gap-race">
          {t('cordon.suspectTime', { time: suspect })} /{' '}
          {t('cordon.policeTime', {
            time: c.policeSeconds === null ? t('cordon.none') : mmss(c.policeSeconds),
          })}
        </span>
      )}
      {c.covered ? null : (
        <span className="cordon-gap-unit">
          {sentUnit
            ? t('cordon.sent', { unit: actions.callsign(sentUnit) })
            : assignment
              ? t('cordon.recommended', { unit: actions.callsign(assignment.unitId) })
              : c.bestUnitId
                ? actions.callsign(c.bestUnitId)
                : ''}
        </span>
      )}
      <span className="cordon-gap-actions">
        {cameras.length ? (
          <button
            type="button"
            data-testid="cordon-gap-video"
            data-camera-ids={cameras.join(',')}
            onClick={() => actions.onVideo(c, cameras)}
          >
            {t('cordon.video', { count: cameras.length })}
          </button>
        ) : null}
        {!c.covered && !sentUnit && actions.onSend && unitId ? (
          <>
            <select
              data-testid="cordon-gap-unit-select"
              aria-label={t('cordon.chooseUnit')}
              value={unitId}
              onChange={(e) => setChosen(e.target.value)}
            >
              {offered.map((u) => (
                <option key={u} value={u}>
                  {actions.callsign(u)}
                  {u === suggested ? ` · ${t('cordon.suggested')}` : ''}
                </option>
              ))}
            </select>
            <button type="button" data-testid="cordon-send-unit" onClick={() => actions.onSend?.(c, unitId)}>
              {t('cordon.sendUnit')}
            </button>
          </>
        ) : null}
      </span>
    </li>
  );
}
