import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleApi, useConsoleState, useConsoleStore } from '../../app/ConsoleContext';
import type { WallSource } from '../../../../shared/contract/videoContract';
import { VideoWall } from './VideoWall';
import { DrillBanner } from '../drills';
import { WallDisplayPicker } from './WallDisplayPicker';

/**
 * The pop-out wall window (`?view=wall`): only the video wall, following the alert selected in
 * the main window (selection.get once, then selection.changed) and showing what its wall shows
 * instead (wall.getSource, wall.sourceChanged).
 */
export function WallPage() {
  const { t, i18n } = useTranslation();
  const api = useConsoleApi();
  const store = useConsoleStore();
  const selected = useConsoleState((s) =>
    s.selectedAlertId ? (s.alerts.get(s.selectedAlertId) ?? null) : null,
  );
  useEffect(() => {
    let latest = false;
    const off = api.subscribe['selection.changed'](({ alertId }) => {
      latest = true;
      store.selectAlert(alertId);
    });
    api.requests['selection.get']().then(
      ({ alertId }) => !latest && store.selectAlert(alertId),
      () => {},
    );
    return off;
  }, [api, store]);
  // After the selection (which clears any override): the main window's drawn area or camera list.
  useEffect(() => {
    let latest = false;
    const apply = ({ area, cameras }: WallSource) => {
      if (area) store.setCameraArea(area);
      else if (cameras) store.showCameras(cameras.ids, cameras.point);
      else {
        store.setCameraArea(null);
        store.showCameras(null);
      }
    };
    const off = api.subscribe['wall.sourceChanged']((source) => {
      latest = true;
      apply(source);
    });
    api.requests['wall.getSource']().then(
      (source) => !latest && apply(source),
      () => {},
    );
    return off;
  }, [api, store]);
  useEffect(() => {
    document.title = `${t('video.wall')} — ${t('app.title')}`;
  }, [t, i18n.language]);
  return (
    <div className="wall-page" data-testid="wall-page">
      <header className="title-bar">
        <h1>{t('video.wall')}</h1>
        <DrillBanner />
        <span className="wall-alert" data-testid="wall-alert" data-alert-id={selected?.id ?? ''}>
          {selected ? `${selected.id} · ${selected.address}` : t('video.noAlert')}
        </span>
        <span className="wall-hint">{t('video.follows')}</span>
        <WallDisplayPicker moveSelf />
      </header>
      <VideoWall initialLayout={9} rememberLayout />
    </div>
  );
}
