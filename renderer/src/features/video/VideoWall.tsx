import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NearbyCamera } from '../../../../shared/contract/videoContract';
import { useConsoleApi, useConsoleState, useConsoleStore } from '../../app/ConsoleContext';
import { VideoTile } from './VideoTile';
import { useSeatControl } from '../operator';
import { LookbackBar, useLookback } from './Lookback';
import { useSettled } from '../../shared-ui/useSettled';

/** How long a selection must stay before its cameras are asked for and their players start. */
const SELECTION_SETTLE_MS = 250;
import { TourBar, useTour } from './Tour';

export const WALL_LAYOUTS = [1, 4, 9, 16] as const;
export type WallLayout = (typeof WALL_LAYOUTS)[number];

/** Ranked cameras for the selected alert (covering and nearest first), enough for the largest layout. */
export function useLinkedCameras(limit = 16): NearbyCamera[] | null {
  const api = useConsoleApi();
  const currentId = useConsoleState((s) => s.selectedAlertId);
  // Players start only for the alert the officer stops on, not every alert J/K passes over.
  const selectedId = useSettled(currentId, SELECTION_SETTLE_MS);
  const area = useConsoleState((s) => s.cameraArea);
  const list = useConsoleState((s) => s.cameraList);
  const [listResult, setListResult] = useState<{ list: unknown; cameras: NearbyCamera[] } | null>(null);
  const [result, setResult] = useState<{ alertId: string; cameras: NearbyCamera[] } | null>(null);
  const [areaResult, setAreaResult] = useState<{ area: unknown; cameras: NearbyCamera[] } | null>(null);
  useEffect(() => {
    if (!area) return;
    let cancelled = false;
    api.requests['cameras.inArea']({ ...area, limit }).then(
      (cameras) => !cancelled && setAreaResult({ area, cameras }),
      () => !cancelled && setAreaResult({ area, cameras: [] }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, area, limit]);
  useEffect(() => {
    if (!list) return;
    let cancelled = false;
    api.requests['cameras.byIds']({
      ids: list.ids.slice(0, limit),
      ...(list.point ? { point: list.point } : {}),
    }).then(
      (cameras) => !cancelled && setListResult({ list, cameras }),
      () => !cancelled && setListResult({ list, cameras: [] }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, list, limit]);
  useEffect(() => {
    if (!selectedId) return;
    let cancelled = false;
    api.requests['alerts.nearby']({ alertId: selectedId, cameraLimit: limit, unitLimit: 1 }).then(
      (r) => !cancelled && setResult({ alertId: r.alertId, cameras: r.cameras }),
      () => !cancelled && setResult(null),
    );
    return () => {
      cancelled = true;
    };
  }, [api, selectedId, limit]);
  // Named cameras (a cordon crossing's bayonets) take over the wall like a drawn area does.
  if (list) return listResult && listResult.list === list ? listResult.cameras : null;
  // A drawn area takes over the wall until it is cleared or another alert is selected.
  if (area) return areaResult && areaResult.area === area ? areaResult.cameras : null;
  return result && result.alertId === selectedId && selectedId === currentId ? result.cameras : null;
}

/** Draw a circle or polygon on the map to put its cameras on the wall. */
function AreaTools() {
  const { t } = useTranslation();
  const store = useConsoleStore();
  const drawing = useConsoleState((s) => s.drawRequest);
  const area = useConsoleState((s) => s.cameraArea);
  const list = useConsoleState((s) => s.cameraList);
  // A drawn area becomes the shared wall source: a seat control like the others.
  const seat = useSeatControl('wallSource');
  return (
    <>
      <button
        type="button"
        data-testid="video-draw-circle"
        aria-pressed={drawing === 'circle'}
        disabled={!seat.allowed}
        title={seat.hint}
        onClick={() => store.requestAreaDraw('circle')}
      >
        {t('video.drawCircle')}
      </button>
      <button
        type="button"
        data-testid="video-draw-polygon"
        aria-pressed={drawing === 'polygon'}
        disabled={!seat.allowed}
        title={seat.hint}
        onClick={() => store.requestAreaDraw('polygon')}
      >
        {t('video.drawPolygon')}
      </button>
      {area || drawing || list ? (
        <button type="button" data-testid="video-area-clear" onClick={() => store.setCameraArea(null)}>
          {t('video.clearArea')}
        </button>
      ) : null}
    </>
  );
}

const NO_CAMERAS: NearbyCamera[] = [];

/** The video wall: 1/4/9/16 tiles filled with the selected alert's linked cameras. */
export function VideoWall({
  initialLayout = 4,
  drawTools = false,
  rememberLayout = false,
}: {
  initialLayout?: WallLayout;
  drawTools?: boolean;
  rememberLayout?: boolean;
}) {
  const { t } = useTranslation();
  const api = useConsoleApi();
  const cameras = useLinkedCameras();
  const online = useConsoleState((s) => s.cameraOnline);
  const target = useConsoleState((s) =>
    s.selectedAlertId ? (s.alerts.get(s.selectedAlertId)?.position ?? null) : null,
  );
  // The pop-out wall's layout is remembered in the settings store; the panel's is its own.
  const [localLayout, setLocalLayout] = useState<WallLayout>(initialLayout);
  const storedLayout = useConsoleState((s) => s.settings?.wallLayout ?? null);
  const layout: WallLayout = rememberLayout ? (storedLayout ?? initialLayout) : localLayout;
  const setLayout = (n: WallLayout) =>
    rememberLayout
      ? void api.requests['settings.update']({ wallLayout: n }).catch(() => {})
      : setLocalLayout(n);
  const [maximised, setMaximised] = useState<string | null>(null);
  const tour = useTour(cameras ?? NO_CAMERAS, layout);
  const shown = tour.shown;
  const maxId = maximised && shown.some((c) => c.camera.id === maximised) ? maximised : null;
  const side = Math.sqrt(layout);
  const source = useConsoleState((s) => (s.cameraList ? 'list' : s.cameraArea ? 'area' : 'alert'));
  const reportedAt = useConsoleState((s) =>
    s.selectedAlertId ? (s.alerts.get(s.selectedAlertId)?.reportedAt ?? null) : null,
  );
  const reportedAtMs = reportedAt ? Date.parse(reportedAt) : null;
  const lookback = useLookback(
    shown.map((c) => c.camera.id),
    reportedAtMs,
  );

  return (
    <div
      className="video-wall"
      data-testid="video-wall"
      data-source={source}
      data-camera-ids={shown.map((c) => c.camera.id).join(',')}
      data-layout={layout}
      data-maximised={maxId ?? ''}
    >
      <div className="video-wall-toolbar">
        {WALL_LAYOUTS.map((n) => (
          <button
            key={n}
            type="button"
            className={n === layout ? 'active' : ''}
            aria-pressed={n === layout}
            data-testid={`video-layout-${n}`}
            onClick={() => setLayout(n)}
          >
            {t('video.layout', { n })}
          </button>
        ))}
        {drawTools ? <AreaTools /> : null}
        <TourBar tour={tour} />
        <LookbackBar state={lookback} reportedAtMs={reportedAtMs} />
      </div>
      {cameras === null ? (
        <p className="panel-empty">{t('video.none')}</p>
      ) : (
        <div
          className="video-grid"
          style={{ gridTemplateColumns: `repeat(${maxId ? 1 : side}, minmax(0, 1fr))` }}
        >
          {shown.map((entry) => (
            <div
              key={entry.camera.id}
              className="video-slot"
              hidden={maxId !== null && maxId !== entry.camera.id}
            >
              <VideoTile
                entry={entry}
                online={online.get(entry.camera.id) ?? entry.camera.online}
                maximised={maxId === entry.camera.id}
                onToggleMaximise={() => setMaximised((m) => (m === entry.camera.id ? null : entry.camera.id))}
                target={target}
                lookback={lookback.fromMs === null ? null : (lookback.streams?.get(entry.camera.id) ?? [])}
              />
            </div>
          ))}
          {maxId === null
            ? Array.from({ length: layout - shown.length }, (_, i) => (
                <div key={`empty-${i}`} className="video-slot">
                  <div className="video-tile empty" data-testid="video-tile-empty">
                    {t('video.empty')}
                  </div>
                </div>
              ))
            : null}
        </div>
      )}
    </div>
  );
}
