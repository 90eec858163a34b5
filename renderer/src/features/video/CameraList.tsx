import { useTranslation } from 'react-i18next';
import type { NearbyResult } from '../../../../shared/contract/api';
import { useConsoleState } from '../../app/ConsoleContext';
import { CameraCone } from './CameraCone';

/** Nearest cameras to the selected alert (video linkage starts here). */
export function CameraList({ nearby }: { nearby: NearbyResult | null }) {
  const { t } = useTranslation();
  const online = useConsoleState((s) => s.cameraOnline);
  if (!nearby) return null;
  return (
    <section className="panel camera-list" data-testid="camera-list" aria-label={t('cameras.title')}>
      <header className="panel-header">
        <h2>{t('cameras.title')}</h2>
      </header>
      {nearby.cameras.length === 0 ? <p className="panel-empty">{t('cameras.none')}</p> : null}
      <ul>
        {nearby.cameras.map(({ camera, distanceM, covers }) => {
          const isOnline = online.get(camera.id) ?? camera.online;
          return (
            <li
              key={camera.id}
              data-testid="camera-item"
              data-camera-id={camera.id}
              className={isOnline ? 'online' : 'offline'}
            >
              <span className={`kind-badge kind-${camera.kind}`}>{t(`cameraKind.${camera.kind}`)}</span>
              <CameraCone camera={camera} covers={covers} />
              <span className="camera-name">{camera.name}</span>
              <span className="camera-distance">
                {t('cameras.distance', { meters: Math.round(distanceM) })}
              </span>
              <span className="camera-state">{isOnline ? t('cameras.online') : t('cameras.offline')}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
