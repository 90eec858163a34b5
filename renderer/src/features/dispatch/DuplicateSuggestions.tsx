import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../../shared/domain/alert';
import { useConsoleApi, useConsoleState } from '../../app/ConsoleContext';
import { useOperator } from '../operator';

type Suggestion = Awaited<
  ReturnType<ReturnType<typeof useConsoleApi>['requests']['alerts.duplicates']>
>[number];

/** Reports of the same incident nearby in place and time: merge keeps every caller and report. */
export function DuplicateSuggestions({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const api = useConsoleApi();
  const operator = useOperator();
  const alerts = useConsoleState((s) => s.alerts);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  useEffect(() => {
    let cancelled = false;
    api.requests['alerts.duplicates']({ alertId: alert.id }).then(
      (s) => !cancelled && setSuggestions(s),
      () => !cancelled && setSuggestions([]),
    );
    return () => {
      cancelled = true;
    };
  }, [api, alert.id, alerts.size]);
  if (suggestions.length === 0) return null;
  return (
    <ul className="duplicates" aria-label={t('dispatch.duplicates')}>
      {suggestions.map((s) => {
        const other = s.keepId === alert.id ? s.mergeId : s.keepId;
        return (
          <li key={other} data-testid="duplicate-suggestion" data-other-id={other}>
            {t('dispatch.possibleDuplicate', {
              meters: Math.round(s.distanceMeters),
              minutes: Math.round(s.secondsApart / 60),
            })}{' '}
            {other}
            {operator ? (
              <button
                type="button"
                data-testid="merge-duplicate"
                onClick={() =>
                  void api.requests['alerts.act']({
                    alertId: s.mergeId,
                    action: { type: 'merge', intoAlertId: s.keepId },
                  })
                }
              >
                {t('dispatch.merge')}
              </button>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
