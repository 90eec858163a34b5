import type { Rect, WallDisplay } from '../../../shared/contract/videoContract';

/** The part of the Window Management API the wall uses (Chromium: window.getScreenDetails). */
interface ScreenDetailed {
  readonly availLeft: number;
  readonly availTop: number;
  readonly availWidth: number;
  readonly availHeight: number;
  readonly isPrimary: boolean;
  readonly label: string;
}
type WindowWithScreens = Window & {
  getScreenDetails?: () => Promise<{ screens: readonly ScreenDetailed[] }>;
};

/** Can this browser place windows on other screens (Window Management API)? */
export const canPlaceOnScreens = (): boolean =>
  typeof (window as WindowWithScreens).getScreenDetails === 'function';

/**
 * The browser's screens as wall displays (asks the window-management permission on first use;
 * call from a user gesture). Ids are the screen's position and size: stable while the desk is.
 */
export async function browserScreens(): Promise<WallDisplay[]> {
  const details = await (window as WindowWithScreens).getScreenDetails!();
  return details.screens.map((s, i) => {
    const bounds = { x: s.availLeft, y: s.availTop, width: s.availWidth, height: s.availHeight };
    return {
      id: `${bounds.x},${bounds.y} ${bounds.width}×${bounds.height}`,
      label: s.label || `${i + 1}`,
      primary: s.isPrimary,
      bounds,
    };
  });
}

/** window.open features that put a popup on `bounds`. */
export const popupFeatures = (bounds: Rect | null): string =>
  bounds
    ? `popup,left=${bounds.x},top=${bounds.y},width=${bounds.width},height=${bounds.height}`
    : 'popup,width=1280,height=760';

/** Moves this (popup) window onto `bounds`; browsers may refuse for windows they did not open as popups. */
export function placeThisWindow(bounds: Rect): void {
  window.moveTo(bounds.x, bounds.y);
  window.resizeTo(bounds.width, bounds.height);
}
