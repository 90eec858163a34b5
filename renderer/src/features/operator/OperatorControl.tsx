import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleApi } from '../../app/ConsoleContext';
import { useOperator } from './useOperator';

/** Sign in / out at this seat; every action is attributed to the signed-in operator. */
export function OperatorControl() {
  const { t } = useTranslation();
  const api = useConsoleApi();
  const operator = useOperator();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      await api.requests['operator.signIn']({
        username: String(form.get('username')),
        password: String(form.get('password')),
      });
      setOpen(false);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  if (operator) {
    return (
      <span className="operator-control">
        <span data-testid="operator-name" data-role={operator.role}>
          {operator.displayName} · {t(`role.${operator.role}`)}
        </span>
        <button type="button" onClick={() => void api.requests['operator.signOut']()}>
          {t('operator.signOut')}
        </button>
      </span>
    );
  }
  return (
    <span className="operator-control">
      <button type="button" data-testid="operator-signin" onClick={() => setOpen(true)}>
        {t('operator.signIn')}
      </button>
      {open ? (
        <form
          className="signin-dialog"
          role="dialog"
          aria-label={t('operator.signIn')}
          onSubmit={(e) => void submit(e)}
        >
          <label>
            {t('operator.username')}
            <input name="username" data-testid="signin-username" autoComplete="username" autoFocus />
          </label>
          <label>
            {t('operator.password')}
            <input
              name="password"
              type="password"
              data-testid="signin-password"
              autoComplete="current-password"
            />
          </label>
          {error ? (
            <p className="form-error" data-testid="signin-error">
              {error}
            </p>
          ) : null}
          <button type="submit" data-testid="signin-submit">
            {t('operator.signIn')}
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : null}
    </span>
  );
}
