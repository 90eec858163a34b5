import { type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DispatchDesk } from './useDispatchDesk';

/**
 * A trainee's dispatch on a live alert waits for a supervisor, who enters their own name and
 * password at this seat; the host checks them (same throttle as a sign-in) and records who confirmed.
 */
export function SupervisorConfirm({ desk }: { desk: DispatchDesk }) {
  const { t } = useTranslation();
  if (!desk.pendingConfirmation) return null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void desk.confirm({ username: String(form.get('username')), password: String(form.get('password')) });
  };
  return (
    <form
      className="signin-dialog"
      role="dialog"
      aria-label={t('dispatch.confirm.title')}
      data-testid="supervisor-confirm"
      onSubmit={submit}
    >
      <p>{t('dispatch.confirm.explain')}</p>
      <label>
        {t('dispatch.confirm.supervisor')}
        <input name="username" data-testid="confirm-username" autoComplete="off" autoFocus />
      </label>
      <label>
        {t('operator.password')}
        <input name="password" type="password" data-testid="confirm-password" autoComplete="off" />
      </label>
      {desk.error ? (
        <p className="form-error" data-testid="confirm-error">
          {desk.error}
        </p>
      ) : null}
      <button type="submit" data-testid="confirm-submit">
        {t('dispatch.confirm.submit')}
      </button>
      <button type="button" onClick={desk.cancelConfirmation}>
        {t('common.cancel')}
      </button>
    </form>
  );
}
