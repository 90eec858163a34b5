import type { ConsoleApi } from '../../../shared/contract/api';

/**
 * Opens the pop-out video wall. Electron denies window.open by design, so there the main
 * process opens a second secure window (`wall.open`); the browser host opens
 * `/?view=wall&token=…` on its own origin.
 */
export async function openVideoWall(api: ConsoleApi, host: 'electron' | 'browser' | undefined): Promise<void> {
  if (host === 'electron' || window.dispatchConsole) {
    await api.requests['wall.open']();
    return;
  }
  const params = new URLSearchParams(window.location.search);
  const token = params.get('token') ?? sessionStorage.getItem('console.token') ?? '';
  const url = `${window.location.origin}/?view=wall&token=${encodeURIComponent(token)}`;
  window.open(url, 'dispatch-video-wall', 'popup,width=1280,height=760');
}

/** Which view this renderer shows: the full console or the pop-out wall. */
export function currentView(): 'console' | 'wall' {
  return new URLSearchParams(window.location.search).get('view') === 'wall' ? 'wall' : 'console';
}
