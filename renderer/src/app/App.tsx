import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertDetail, AlertQueue, useNearby } from '../features/alerts';
import { CameraList, VideoPanel } from '../features/video';
import { UnitList } from '../features/units';
import { StatusBar } from '../features/status';
import {
  ActionBar,
  AlertTimeline,
  DuplicateSuggestions,
  ShiftSummary,
  useAlertHistory,
  useDispatchDesk,
} from '../features/dispatch';
import { MapPane, useCityPack } from '../features/map';
import { setLocale } from '../i18n';
import { DrillBar } from '../features/drills';
import { CordonButton, CordonPanel, useCordon } from '../features/cordon';
import { useConsoleState } from './ConsoleContext';
import { HandoverButton, HandoverPanel } from '../features/handover';

/** The duty officer's screen: queue on the left, map in the middle, alert context on the right. */
export function App() {
  const { t, i18n } = useTranslation();
  const pack = useCityPack();
  const locale = useConsoleState((s) => s.settings?.locale);
  const nearby = useNearby();
  const selected = useConsoleState((s) =>
    s.selectedAlertId ? (s.alerts.get(s.selectedAlertId) ?? null) : null,
  );
  const history = useAlertHistory(selected?.id ?? null, selected?.status);
  const cordon = useCordon(selected?.id ?? null);
  const desk = useDispatchDesk(selected, nearby, history);
  const cameraIds = useMemo(() => nearby?.cameras.map((c) => c.camera.id) ?? [], [nearby]);
  const cameraNames = useMemo(() => new Map((pack?.cameras ?? []).map((c) => [c.id, c.name])), [pack]);
  const unitIds = useMemo(() => nearby?.units.map((u) => u.unit.id) ?? [], [nearby]);
  const [handover, setHandover] = useState(false);

  useEffect(() => {
    if (locale && locale !== i18n.language) setLocale(locale);
  }, [locale, i18n.language]);

  const cityName = pack ? (i18n.language === 'en' ? pack.manifest.name.en : pack.manifest.name.zh) : '';
  return (
    <div className="console">
      <header className="title-bar">
        <h1>{t('app.title')}</h1>
        <span className="city-name">{cityName}</span>
        {pack?.manifest.synthetic ? <span className="synthetic-badge">{t('app.syntheticCity')}</span> : null}
        <DrillBar />
        <ShiftSummary />
        <HandoverButton open={handover} onToggle={() => setHandover((v) => !v)} />
      </header>
      <aside className="left-column">
        <AlertQueue />
      </aside>
      <main className="map-column">
        {pack ? (
          <MapPane
            pack={pack}
            highlightCameraIds={cameraIds}
            highlightUnitIds={unitIds}
            route={nearby?.bestRoute ?? null}
            cordon={cordon.analysis}
          />
        ) : null}
      </main>
      <aside className="right-column">
        {handover ? <HandoverPanel onClose={() => setHandover(false)} /> : null}
        <AlertDetail cameraNames={cameraNames} />
        {selected ? (
          <section className="panel dispatch-panel">
            <ActionBar alert={selected} desk={desk} />
            <div className="alert-actions cordon-actions">
              <CordonButton cordon={cordon} />
            </div>
            <DuplicateSuggestions alert={selected} />
          </section>
        ) : null}
        {selected && cordon.open ? (
          <CordonPanel
            alert={selected}
            cordon={cordon}
            checkpoints={pack?.checkpoints ?? []}
            cameras={pack?.cameras ?? []}
          />
        ) : null}
        <VideoPanel />
        <AlertTimeline history={history} />
        <CameraList nearby={nearby} />
        <UnitList
          nearby={nearby}
          {...(desk.signedIn && selected
            ? {
                action: {
                  label: desk.reassignFrom ? t('dispatch.desk.reassignTo') : t('dispatch.desk.assign'),
                  enabled: desk.canAssign,
                  run: desk.assign,
                  take: desk.take,
                },
              }
            : {})}
        />
      </aside>
      <StatusBar />
    </div>
  );
}
