import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WallDisplay } from '../../../../shared/contract/videoContract';
import { useConsoleApi, useConsoleState } from '../../app/ConsoleContext';
import { browserScreens, canPlaceOnScreens, placeThisWindow } from '../../platform/screens';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Which display the pop-out wall stands on (remembered in the settings store). Electron lists its
 * displays through the contract and moves the wall itself; the browser asks the Window Management
 * API (on first use, a permission prompt) and, on the wall page, moves its own window; a browser
 * without that API says so.
 */
export function WallDisplayPicker({ moveSelf = false }: { moveSelf?: boolean }) {
  const { t } = useTranslation();
  const api = useConsoleApi();
  const electron = useConsoleState((s) => s.host?.host === 'electron');
  const chosen = useConsoleState((s) => s.settings?.wallDisplay ?? null);
  const [displays, setDisplays] = useState<WallDisplay[] | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const supported = electron || canPlaceOnScreens();
  useEffect(() => {
    if (!electron) return;
    let cancelled = false;
    api.requests['wall.displays']().then(
      (r) => !cancelled && setDisplays(r.displays),
      (err: unknown) => !cancelled && setNote(message(err)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, electron]);
  // The browser's screens need the permission, asked on the operator's gesture.
  const load = () => {
    if (electron || displays || !canPlaceOnScreens()) return;
    browserScreens().then(setDisplays, (err: unknown) => setNote(message(err)));
  };
  const choose = (value: string) => {
    const displayId = value === '' ? null : value;
    setNote(null);
    api.requests['wall.placeOn']({ displayId }).then(
      () => {
        const bounds = displays?.find((d) => d.id === displayId)?.bounds;
        if (!electron && moveSelf && bounds) placeThisWindow(bounds);
      },
      (err: unknown) => setNote(message(err)),
    );
  };
  const known = displays ?? [];
  return (
    <span className="wall-display" data-chosen={chosen ?? ''}>
      <select
        data-testid="wall-display"
        aria-label={t('video.display')}
        title={supported ? t('video.display') : t('video.displayUnavailable')}
        value={chosen ?? ''}
        disabled={!supported}
        onFocus={load}
        onPointerDown={load}
        onChange={(e) => choose(e.target.value)}
      >
        <option value="">{t('video.displayCurrent')}</option>
        {chosen && !known.some((d) => d.id === chosen) ? <option value={chosen}>{chosen}</option> : null}
        {known.map((d, i) => (
          <option key={d.id} value={d.id}>
            {t('video.displayN', { n: i + 1 })} · {d.label}
            {d.primary ? ` (${t('video.displayPrimary')})` : ''}
          </option>
        ))}
      </select>
      {!supported ? (
        <span className="wall-display-note" data-testid="wall-display-note">
          {t('video.displayUnavailable')}
        </span>
      ) : null}
      {note ? (
        <span className="wall-display-note" role="status">
          {note}
        </span>
      ) : null}
    </span>
  );
}
