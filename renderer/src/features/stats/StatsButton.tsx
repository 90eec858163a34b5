import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useViewToggleKey } from '../alerts';

const StatsView = lazy(() => import('./StatsView'));

/** The status bar's statistics button; key S opens and closes the view too (outside text fields, no modifiers). */
export function StatsButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // Beside the queue's keys (J/K, T): the same rules (no modifiers, not while typing).
  useViewToggleKey('s', () => setOpen((o) => !o));
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
