import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LifecycleActionType } from '../../../../shared/domain/lifecycle';
import type { LifecycleActionRequest as LifecycleAction } from '../../../../shared/contract/dispatchContract';
import type { Alert } from '../../../../shared/domain/alert';
import { TransferForm } from './TransferForm';
import { AssignedUnits } from './AssignedUnits';
import type { DispatchDesk } from './useDispatchDesk';
import { SupervisorConfirm } from './SupervisorConfirm';

/** Actions that need a sentence from the officer (result, feedback, reason). */
const TEXT_ACTIONS = { resolve: 'result', close: 'feedback', cancel: 'reason', reopen: 'reason' } as const;
type TextAction = keyof typeof TEXT_ACTIONS;

const isTextAction = (a: LifecycleActionType): a is TextAction => a in TEXT_ACTIONS;

/**
 * The lifecycle actions legal for the selected alert, and its assigned units (recall, reassign).
 * Keys (useDispatchDesk): A acknowledge, D dispatch the best unit, 1-9 the Nth ranked unit.
 */
export function ActionBar({ alert, desk }: { alert: Alert; desk: DispatchDesk }) {
  const { t } = useTranslation();
  const { legal, bestUnitId, error } = desk;
  const [pending, setPending] = useState<TextAction | null>(null);
  const [transferring, setTransferring] = useState(false);
  const [text, setText] = useState('');

  const act = async (action: LifecycleAction) => {
    if (await desk.act(action)) {
      setPending(null);
      setText('');
    }
  };

  if (!desk.signedIn)
    return (
      <p className="panel-hint" data-testid="alert-actions-signin">
        {t('dispatch.signInToAct')}
      </p>
    );
  return (
    <div className="alert-actions" data-testid="alert-actions">
      {legal.includes('acknowledge') ? (
        <button
          type="button"
          data-testid="action-acknowledge"
          onClick={() => void act({ type: 'acknowledge' })}
        >
          {t('dispatch.acknowledge')} <kbd>A</kbd>
        </button>
      ) : null}
      {legal.includes('dispatch') && bestUnitId ? (
        <button
          type="button"
          className="primary"
          data-testid="action-dispatch-best"
          onClick={() => void act({ type: 'dispatch', unitIds: [bestUnitId] })}
        >
          {t('dispatch.dispatchBest')} <kbd>D</kbd>
        </button>
      ) : null}
      {(Object.keys(TEXT_ACTIONS) as TextAction[])
        .filter((a) => legal.includes(a))
        .map((a) => (
          <button key={a} type="button" data-testid={`action-${a}`} onClick={() => setPending(a)}>
            {a === 'close' && alert.status === 'transferred'
              ? t('dispatch.desk.feedbackClose')
              : t(`dispatch.${a}`)}
          </button>
        ))}
      {legal.includes('transfer') ? (
        <button type="button" data-testid="action-transfer" onClick={() => setTransferring(true)}>
          {t('dispatch.transfer')}
        </button>
      ) : null}
      {transferring ? (
        <TransferForm
          alert={alert}
          onCancel={() => setTransferring(false)}
          onSubmit={(action) => void act(action).then(() => setTransferring(false))}
        />
      ) : null}
      {pending && isTextAction(pending) ? (
        <form
          className="action-form"
          onSubmit={(e) => {
            e.preventDefault();
            const value = text.trim();
            if (!value) return;
            const action = {
              resolve: { type: 'resolve', result: value },
              close: { type: 'close', feedback: value },
              cancel: { type: 'cancel', reason: value },
              reopen: { type: 'reopen', reason: value },
            }[pending] as LifecycleAction;
            void act(action);
          }}
        >
          <input
            data-testid="action-text"
            autoFocus
            value={text}
            placeholder={t(`dispatch.${TEXT_ACTIONS[pending]}`)}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" data-testid="action-confirm">
            {t('common.confirm')}
          </button>
          <button type="button" onClick={() => setPending(null)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : null}
      <AssignedUnits desk={desk} />
      <SupervisorConfirm desk={desk} />
      {error && !desk.pendingConfirmation ? (
        <p className="form-error" data-testid="action-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
