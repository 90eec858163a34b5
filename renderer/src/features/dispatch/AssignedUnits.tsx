import { useTranslation } from 'react-i18next';
import { useConsoleState } from '../../app/ConsoleContext';
import type { DispatchDesk } from './useDispatchDesk';

/** The units on the alert now, each with Recall and (while it has not arrived) Reassign. */
export function AssignedUnits({ desk }: { desk: DispatchDesk }) {
  const { t } = useTranslation();
  const units = useConsoleState((s) => s.units);
  if (desk.assignedUnitIds.length === 0) return null;
  const callsign = (id: string) => units.get(id)?.callsign ?? id;
  return (
    <div className="assigned-units" data-testid="assigned-units">
      <h3>{t('dispatch.desk.assigned')}</h3>
      <ul>
        {desk.assignedUnitIds.map((id) => (
          <li
            key={id}
            data-testid="assigned-unit"
            data-unit-id={id}
            className={desk.reassignFrom === id ? 'reassigning' : undefined}
          >
            <span className="unit-callsign">{callsign(id)}</span>
            {desk.signedIn && desk.legal.includes('recall') ? (
              <button type="button" data-testid="unit-recall" onClick={() => desk.recall(id)}>
                {t('dispatch.desk.recall')}
              </button>
            ) : null}
            {desk.signedIn && desk.legal.includes('reassign') ? (
              <button
                type="button"
                data-testid="unit-reassign"
                aria-pressed={desk.reassignFrom === id}
                onClick={() => (desk.reassignFrom === id ? desk.cancelReassign() : desk.startReassign(id))}
              >
                {t('dispatch.desk.reassign')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {desk.reassignFrom ? (
        <p className="panel-hint" data-testid="reassign-hint">
          {t('dispatch.desk.reassignHint', { unit: callsign(desk.reassignFrom) })}
        </p>
      ) : null}
    </div>
  );
}
