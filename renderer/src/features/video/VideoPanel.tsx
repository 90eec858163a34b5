import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleApi, useConsoleState } from '../../app/ConsoleContext';
import { openVideoWall } from '../../platform/popout';
import { VideoWall } from './VideoWall';
import { useSeatControl } from '../operator';
import { useCommand } from '../keyboard';
import { WallDisplayPicker } from './WallDisplayPicker';

/**
 * Shares the main window's selected alert with every console window (the pop-out wall
 * follows it through `selection.changed`).
 */
export function useShareSelection(): void {
  const api = useConsoleApi();
  const selectedId = useConsoleState((s) => s.selectedAlertId);
  useEffect(() => {
    api.requests['selection.set'](selectedId).catch(() => {});
  }, [api, selectedId]);
}

/**
 * Shares what the main window's wall shows instead of the alert's cameras (a drawn area, a
 * crossing's bayonets), so the pop-out wall on the second monitor shows the same cameras.
 */
export function useShareWallSource(): void {
  const api = useConsoleApi();
  const area = useConsoleState((s) => s.cameraArea);
  const cameras = useConsoleState((s) => s.cameraList);
  const { allowed } = useSeatControl('wallSource');
  useEffect(() => {
    if (allowed) api.requests['wall.setSource']({ area, cameras }).catch(() => {});
  }, [api, area, cameras, allowed]);
}

const OPEN_KEY = 'console.videoWallOpen';

/** Video linkage beside the map: a collapsible wall that follows the selected alert, with pop-out. */
export function VideoPanel() {
  const { t } = useTranslation();
  const api = useConsoleApi();
  const host = useConsoleState((s) => s.host?.host);
  const wallDisplay = useConsoleState((s) => s.settings?.wallDisplay ?? null);
  // Folded until the operator opens it (remembered per seat): live players cost CPU and network.
  const [open, setOpen] = useState(() => localStorage.getItem(OPEN_KEY) === '1');
  const toggle = () =>
    setOpen((o) => {
      localStorage.setItem(OPEN_KEY, o ? '0' : '1');
      return !o;
    });
  // Cameras put on the wall from elsewhere (a cordon crossing's bayonets) unfold it.
  const cameraList = useConsoleState((s) => s.cameraList);
  useEffect(() => {
    if (cameraList) setOpen(true);
  }, [cameraList]);
  const [popError, setPopError] = useState<string | null>(null);
  useShareSelection();
  useShareWallSource();
  // Key V opens (or folds) the video for the selected alert without the mouse.
  useCommand('video.toggle', toggle);
  const popOut = () => {
    setPopError(null);
    openVideoWall(api, host, wallDisplay).catch((err: unknown) =>
      setPopError(err instanceof Error ? err.message : String(err)),
    );
  };
  return (
    <section
      className={`panel video-panel${open ? '' : ' collapsed'}`}
      data-testid="video-panel"
      aria-label={t('video.title')}
    >
      <header className="panel-header">
        <h2>{t('video.title')}</h2>
        <button type="button" className="video-popout" data-testid="video-popout" onClick={popOut}>
          {t('video.popout')}
        </button>
        <WallDisplayPicker />
        <button
          type="button"
          className="video-collapse"
          data-testid="video-collapse"
          aria-expanded={open}
          onClick={toggle}
        >
          {open ? t('video.collapse') : t('video.expand')} <kbd>V</kbd>
        </button>
      </header>
      {open ? <VideoWall drawTools /> : null}
      {popError ? <p className="panel-error">{popError}</p> : null}
    </section>
  );
}
