import type { ConsoleApi } from '../../../shared/contract/api';
import { browserScreens, canPlaceOnScreens, popupFeatures } from './screens';

/**
 * Opens the pop-out video wall. Electron denies window.open by design, so there the main
 * process opens a second secure window (`wall.open`) on the remembered display; the browser host
 * opens `/?view=wall&token=…` on its own origin, on the remembered screen where the Window
 * Management API is present (otherwise wherever the browser puts it).
 */
export async function openVideoWall(
  api: ConsoleApi,
  host: 'electron' | 'browser' | undefined,
  displayId: string | null = null,
): Promise<void> {
  if (host === 'electron' || window.dispatchConsole) {
    await api.requests['wall.open']();
    return;
  }
  const params = new URLSearchParams(window.location.search);
  const token = params.get('token') ?? sessionStorage.getItem('console.token') ?? '';
  const url = `${window.location.origin}/?view=wall&token=${encodeURIComponent(token)}`;
  const screen =
    displayId && canPlaceOnScreens()
      ? (await browserScreens().catch(() => [])).find((s) => s.id === displayId)
      : undefined;
  window.open(url, 'dispatch-video-wall', popupFeatures(screen?.bounds ?? null));
}

/** Which view this renderer shows: the full console or the pop-out wall. */
export function currentView(): 'console' | 'wall' {
  return new URLSearchParams(window.location.search).get('view') === 'wall' ? 'wall' : 'console';
}
