import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { maskPhone } from '../../../../shared/domain/alertQueue';
import type { Alert } from '../../../../shared/domain/alert';
import type { AlertFieldChange, AlertRevision } from '../../../../shared/domain/alertRevision';
import { useConsoleApi } from '../../app/ConsoleContext';

/** One stored value as the officer reads it (priority and category named, the phone masked). */
function describeValue(t: TFunction, field: AlertFieldChange['field'], value: unknown): string {
  switch (field) {
    case 'priority':
      return t(`priority.${String(value)}`);
    case 'category':
      return t(`category.${String(value)}`);
    case 'location': {
      const loc = value as Alert['location'];
      return `${loc.lng.toFixed(6)}, ${loc.lat.toFixed(6)} (${loc.crs})`;
    }
    case 'caller': {
      const caller = value as Alert['caller'];
      return `${caller.name ? `${caller.name} ` : ''}${maskPhone(caller.phone)}`;
    }
    default:
      return String(value);
  }
}

/** The call-taker's amendments of this alert: every revision, with what it changed. */
export function AlertRevisions({ alertId, revision }: { alertId: string; revision: number }) {
  const { t, i18n } = useTranslation();
  const api = useConsoleApi();
  const [revisions, setRevisions] = useState<AlertRevision[]>([]);
  useEffect(() => {
    let cancelled = false;
    api.requests['alerts.revisions']({ alertId }).then(
      (list) => !cancelled && setRevisions(list),
      () => !cancelled && setRevisions([]),
    );
    return () => {
      cancelled = true;
    };
    // `revision` refetches when an amendment arrives for the alert on screen.
  }, [api, alertId, revision]);
  if (revisions.length < 2) return null;
  const time = (iso: string) => new Date(iso).toLocaleTimeString(i18n.language, { hour12: false });
  return (
    <div className="alert-revisions" data-testid="alert-revisions" data-count={revisions.length}>
      <h3>{t('detail.revisions', { revision })}</h3>
      <ol>
        {revisions.map((r) => (
          <li key={r.revision} data-testid="alert-revision" data-revision={r.revision}>
            <span className="timeline-time">{time(r.receivedAt)}</span>{' '}
            {r.changes.length === 0
              ? t('detail.revisionOriginal', { revision: r.revision })
              : t('detail.revisionChanged', { revision: r.revision })}
            {r.changes.map((c) => (
              <div key={c.field} className="revision-change" data-field={c.field}>
                {t(`detail.field.${c.field}`)}: <del>{describeValue(t, c.field, c.from)}</del> →{' '}
                <ins>{describeValue(t, c.field, c.to)}</ins>
              </div>
            ))}
          </li>
        ))}
      </ol>
    </div>
  );
}
