import type { CameraStatusReport } from '../../../shared/domain/camera';

/** Camera state changes reach listeners (map, lists, wall) at most this often. */
export const CAMERA_STATUS_NOTIFY_MS = 500;

/** Live online/offline states as published to the UI: read one camera with get(). */
export interface CameraStatesView {
  get(cameraId: string): boolean | undefined;
  readonly size: number;
  entries(): IterableIterator<[string, boolean]>;
}

export type CameraChangesListener = (changes: ReadonlyMap<string, boolean>) => void;

/**
 * Live camera states on a large city (65,000 cameras, dozens of changes a second). Reports are
 * gathered and applied every CAMERA_STATUS_NOTIFY_MS; then a new view is published (a new
 * object, so React sees the change) and change listeners get only what changed. The states are
 * kept in one Map updated in place: copying 65,000 entries per publication, and the map
 * re-reading all of them, held the renderer's main thread 40% of the time (bench/mapFrames.ts).
 */
export class CameraStates {
  private readonly states = new Map<string, boolean>();
  private pending: Map<string, boolean> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<CameraChangesListener>();
  private view: CameraStatesView = CameraStates.viewOf(this.states);

  /** `publish` tells the store a new view is out (it replaces its state field). */
  constructor(private readonly publish: (view: CameraStatesView) => void) {}

  current(): CameraStatesView {
    return this.view;
  }

  apply(reports: readonly CameraStatusReport[]): void {
    const pending = (this.pending ??= new Map());
    for (const r of reports) pending.set(r.cameraId, r.online);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      const changes = this.pending;
      this.pending = null;
      if (changes) this.commit(changes);
    }, CAMERA_STATUS_NOTIFY_MS);
  }

  /** A snapshot is newer than any report received before it: those are dropped. */
  replace(states: Readonly<Record<string, boolean>>): void {
    this.pending = null;
    this.states.clear();
    this.commit(new Map(Object.entries(states)));
  }

  /** Listeners hear only the cameras in each publication (a snapshot: all of its cameras). */
  onChanges(listener: CameraChangesListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private commit(changes: ReadonlyMap<string, boolean>): void {
    for (const [id, online] of changes) this.states.set(id, online);
    this.view = CameraStates.viewOf(this.states);
    this.publish(this.view);
    for (const l of this.listeners) l(changes);
  }

  private static viewOf(states: ReadonlyMap<string, boolean>): CameraStatesView {
    return {
      get: (id) => states.get(id),
      get size() {
        return states.size;
      },
      entries: () => states.entries(),
    };
  }
}
