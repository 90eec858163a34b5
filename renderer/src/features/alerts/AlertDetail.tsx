import { useTranslation } from 'react-i18next';
import { maskPhone } from '../../../../shared/domain/alertQueue';
import { useConsoleState } from '../../app/ConsoleContext';
import { MergedReports } from './MergedReports';
import { AlertRevisions } from './AlertRevisions';
import { AlertOwner, OwnerControls } from '../seats';
import { RiskBadge } from '../insight';
import { VideoEvidence } from '../video';

const fmt = (n: number) => n.toFixed(6);

/** Details of the selected alert; the caller's phone is masked, the original coordinates shown. */
export function AlertDetail({ cameraNames }: { cameraNames?: ReadonlyMap<string, string> } = {}) {
  const { t, i18n } = useTranslation();
  const alert = useConsoleState((s) =>
    s.selectedAlertId ? (s.alerts.get(s.selectedAlertId) ?? null) : null,
  );
  if (!alert) {
    return (
      <section className="panel alert-detail empty" data-testid="alert-detail" aria-label={t('detail.title')}>
        <p className="panel-empty">{t('detail.none')}</p>
      </section>
    );
  }
  const converted = alert.location.crs !== 'WGS84' && alert.location.crs !== 'CGCS2000';
  return (
    <section
      className="panel alert-detail"
      data-testid="alert-detail"
      data-alert-id={alert.id}
      aria-label={t('detail.title')}
    >
      <header className="panel-header">
        <h2>
          <span className={`source-badge source-${alert.source}`}>{alert.source}</span>{' '}
          {t(`category.${alert.category}`)}
        </h2>
        <span className={`priority-badge priority-${alert.priority}`}>{t(`priority.${alert.priority}`)}</span>
        <RiskBadge alertId={alert.id} />
      </header>
      <dl className="detail-grid">
        <dt>{t('detail.id')}</dt>
        <dd data-testid="alert-detail-id">{alert.id}</dd>
        <dt>{t('detail.status')}</dt>
        <dd>{t(`status.${alert.status}`)}</dd>
        <dt>{t('seats.ownerLabel')}</dt>
        <dd>
          <AlertOwner alert={alert} t={t} />
          <OwnerControls alert={alert} />
        </dd>
        <dt>{t('detail.reportedAt')}</dt>
        <dd>{new Date(alert.reportedAt).toLocaleString(i18n.language)}</dd>
        <dt>{t('detail.address')}</dt>
        <dd>{alert.address}</dd>
        <dt>{t('detail.caller')}</dt>
        <dd data-testid="alert-caller">
          {alert.caller.name ? `${alert.caller.name} ` : ''}
          {maskPhone(alert.caller.phone)}
        </dd>
        <dt>{t('detail.location')}</dt>
        <dd>
          {fmt(alert.position.lng)}, {fmt(alert.position.lat)} (WGS84)
        </dd>
        {converted ? (
          <>
            <dt>{t('detail.originalLocation')}</dt>
            <dd>
              {fmt(alert.location.lng)}, {fmt(alert.location.lat)} ({alert.location.crs})
            </dd>
          </>
        ) : null}
      </dl>
      <p className="alert-description">{alert.description}</p>
      <AlertRevisions alertId={alert.id} revision={alert.revision ?? 1} />
      <MergedReports alertId={alert.id} />
      <VideoEvidence alertId={alert.id} {...(cameraNames ? { cameraNames } : {})} />
    </section>
  );
}
