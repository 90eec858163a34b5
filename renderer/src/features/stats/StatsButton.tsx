import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../keyboard';

const StatsView = lazy(() => import('./StatsView'));

/** The status bar's statistics button; key S (shortcut registry) opens and closes the view too. */
export function StatsButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  useCommand('stats.toggle', () => setOpen((o) => !o));
  return (
    <>
      <button type="button" data-testid="stats-open" title={t('stats.keyHint')} onClick={() => setOpen(true)}>
        {t('stats.open')}
      </button>
      {open ? (
        <Suspense fallback={null}>
          <StatsView onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
