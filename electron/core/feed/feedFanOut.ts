/**
 * What the console does with each committed feed batch: hands unit status and positions to the
 * dispatch service, tells routing the units moved, and emits the renderer events for everything
 * the batch stored. Kept out of GatewayFeed, which only receives and stores, and out of the
 * runtime, which only wires features together.
 */
import type { FeedStatus } from '../../../shared/contract/api';
import type { EventSink } from '../../../shared/contract/bridge';
import type { ConsoleRepository, FeedBatchResult } from '../db/consoleRepository';

export interface FeedFanOutDeps {
  emit: EventSink;
  repository: ConsoleRepository;
  /** The dispatch service; a getter because the dispatch runtime is built after (and around) the feed. */
  dispatch: () => {
    onUnitStatus(changes: FeedBatchResult['unitStatus']): void;
    onPositions(positions: FeedBatchResult['positions']): void;
  };
  routing: { unitsChanged(): void };
  feedStatus: () => FeedStatus;
}

/** The GatewayFeed `onCommitted` callback. */
export function feedFanOut({ emit, repository, dispatch, routing, feedStatus }: FeedFanOutDeps) {
  return (result: FeedBatchResult): void => {
    try {
      dispatch().onUnitStatus(result.unitStatus);
      dispatch().onPositions(result.positions);
    } catch (err) {
      // A step the state machine refuses (e.g. a late status) must never stop the feed.
      emit('feed.status', { ...feedStatus(), error: `dispatch: ${(err as Error).message}` });
    }
    if (result.positions.length || result.unitStatus.length) routing.unitsChanged();
    if (result.newAlerts.length || result.amendedAlerts.length)
      emit('alerts.upserted', [...result.newAlerts, ...result.amendedAlerts]);
    for (const amended of result.amendedAlerts) emit('alerts.historyChanged', { alertId: amended.id });
    if (result.positions.length) emit('units.positions', result.positions);
    if (result.unitStatus.length) emit('units.status', result.unitStatus);
    if (result.cameraStatus.length) emit('cameras.status', result.cameraStatus);
    // Protocol 2: owners, other seats' steps, unit commitments and presence, as now stored.
    const { seats } = result;
    if (seats.alertIds.length) {
      emit(
        'alerts.upserted',
        seats.alertIds.map((id) => repository.alerts.get(id)).filter((a) => a !== null),
      );
      for (const alertId of seats.alertIds) emit('alerts.historyChanged', { alertId });
    }
    if (seats.unitIds.length) {
      emit(
        'units.upserted',
        repository.units.list().filter((u) => seats.unitIds.includes(u.id)),
      );
      routing.unitsChanged();
    }
    if (seats.presence) emit('seats.changed', repository.seats.onDuty());
  };
}
