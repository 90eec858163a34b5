import type { RequestHandlers, Settings } from '../../../shared/contract/api';
import type { Rect, WallDisplay } from '../../../shared/contract/videoContract';

/**
 * What a host with windows of its own (Electron) lends the core for the pop-out wall: its
 * displays (the screen API) and the wall window. The glue stays thin; choosing is done here.
 */
export interface WallScreens {
  /** Every display, `bounds` being its work area. */
  list(): WallDisplay[];
  /** Opens the wall window (or focuses the open one), on `bounds` when given. */
  open(bounds: Rect | null): Promise<void>;
  /** Moves the open wall window onto `bounds`; false when no wall is open. */
  place(bounds: Rect): boolean;
}

/** Where the wall goes: the chosen display's work area; null when none is chosen or it is gone (unplugged). */
export function wallBounds(displays: readonly WallDisplay[], displayId: string | null): Rect | null {
  if (displayId === null) return null;
  return displays.find((d) => d.id === displayId)?.bounds ?? null;
}

type WallHandlers = Pick<RequestHandlers, 'wall.open' | 'wall.displays' | 'wall.placeOn'>;

/**
 * The pop-out wall's window: open it on its remembered display, list the displays, choose one
 * (remembered in the settings store, the open wall moved there). Without `screens` (the browser
 * host) the renderer opens and places the window itself; the choice is still remembered here.
 */
export function createWallDisplayHandlers(options: {
  screens?: WallScreens;
  settings: () => Settings;
  updateSettings: (patch: Partial<Settings>) => Promise<Settings>;
}): WallHandlers {
  const { screens } = options;
  return {
    'wall.open': async () => {
      if (!screens) throw new Error('this host opens the video wall with window.open (browser host)');
      await screens.open(wallBounds(screens.list(), options.settings().wallDisplay));
      return { opened: true };
    },
    'wall.displays': async () => ({
      displays: screens?.list() ?? [],
      chosen: options.settings().wallDisplay,
    }),
    'wall.placeOn': async ({ displayId }) => {
      if (screens && displayId !== null && !screens.list().some((d) => d.id === displayId))
        throw new Error(`no display ${displayId}`);
      await options.updateSettings({ wallDisplay: displayId });
      const bounds = screens ? wallBounds(screens.list(), displayId) : null;
      return { displayId, placed: bounds !== null && screens!.place(bounds) };
    },
  };
}
