import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandoverContent, HandoverRecord } from '../../../../shared/contract/handoverContract';
import { useConsoleApi } from '../../app/ConsoleContext';
import { useOperator } from '../operator';

/**
 * Shift handover (交接班): the outgoing officer's open and transferred cases and units out, notes;
 * the incoming officer enters name and password to accept (both sign in the audit log); the
 * record can be exported as printable HTML.
 */
export function HandoverPanel({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useConsoleApi();
  const operator = useOperator();
  const [draft, setDraft] = useState<HandoverContent | null>(null);
  const [notes, setNotes] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [record, setRecord] = useState<HandoverRecord | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (f: () => Promise<void>) => {
    setError(null);
    try {
      await f();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const signedIn = operator?.username ?? null;
  const accepted = record !== null;
  // The outgoing officer's work as it stands when the panel opens (and after a sign-in).
  useEffect(() => {
    if (!signedIn || accepted) return;
    let live = true;
    api.requests['handover.draft']().then(
      (d) => live && setDraft(d),
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [api, signedIn, accepted]);
  const content = record?.content ?? draft;
  return (
    <section
      className="panel handover-panel"
      data-testid="handover-panel"
      data-state={record ? 'accepted' : 'draft'}
      aria-label={t('handover.title')}
    >
      <header className="panel-header">
        <h2>{t('handover.title')}</h2>
        <button type="button" data-testid="handover-close" onClick={onClose}>
          {t('handover.close')}
        </button>
      </header>
      {!operator && !record ? <p className="panel-hint">{t('dispatch.signInToAct')}</p> : null}
      {content ? (
        <>
          <p>
            {t('handover.outgoing')}: <strong data-testid="handover-outgoing">{content.outgoing}</strong> ·{' '}
            {content.seat}
          </p>
          <h3>{t('handover.openCases', { count: content.openCases.length })}</h3>
          <ul data-testid="handover-open-cases">
            {content.openCases.map((a) => (
              <li key={a.id} data-testid="handover-case" data-alert-id={a.id}>
                {a.id} · {t(`status.${a.status}`)} · {a.address}
              </li>
            ))}
          </ul>
          <h3>{t('handover.transferred', { count: content.transferredCases.length })}</h3>
          <ul>
            {content.transferredCases.map((c) => (
              <li key={c.alert.id} data-testid="handover-transferred" data-alert-id={c.alert.id}>
                {c.alert.id} · {c.department}
              </li>
            ))}
          </ul>
          <h3>{t('handover.unitsOut', { count: content.unitsOut.length })}</h3>
          <ul>
            {content.unitsOut.map((u) => (
              <li key={u.unitId} data-testid="handover-unit" data-unit-id={u.unitId}>
                {t('handover.unitLine', {
                  unit: u.callsign,
                  alert: u.alertId ?? t('handover.none'),
                  status: t(`unitStatus.${u.status}`, { defaultValue: u.status }),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {record ? (
        <>
          <p data-testid="handover-accepted">
            {t('handover.accepted', {
              incoming: record.incoming,
              time: new Date(record.at).toLocaleString(i18n.language),
            })}
          </p>
          <p className="handover-notes">{record.notes}</p>
          <button
            type="button"
            data-testid="handover-export"
            onClick={() =>
              void run(async () =>
                setExported((await api.requests['handover.export']({ id: record.id })).path),
              )
            }
          >
            {t('handover.export')}
          </button>
          {exported ? (
            <p data-testid="handover-exported">{t('handover.exported', { path: exported })}</p>
          ) : null}
        </>
      ) : operator ? (
        <form
          className="handover-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () =>
              setRecord(await api.requests['handover.accept']({ incoming: { username, password }, notes })),
            );
          }}
        >
          <label>
            {t('handover.notes')}
            <textarea
              data-testid="handover-notes"
              value={notes}
              placeholder={t('handover.notesPlaceholder')}
              onChange={(e) => setNotes(e.target.value)}
            />
          </label>
          <label>
            {t('handover.incoming')}
            <input
              data-testid="handover-incoming"
              value={username}
              autoComplete="off"
              onChange={(e) => setUsername(e.target.value)}
            />
          </label>
          <label>
            {t('handover.password')}
            <input
              data-testid="handover-password"
              type="password"
              value={password}
              autoComplete="off"
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <button type="submit" data-testid="handover-submit" disabled={!username || !password}>
            {t('handover.submit')}
          </button>
        </form>
      ) : null}
      {error ? (
        <p className="form-error" data-testid="handover-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}

/** The title-bar button that opens the handover panel. */
export function HandoverButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" data-testid="handover-open" aria-pressed={open} onClick={onToggle}>
      {t('handover.open')}
    </button>
  );
}
