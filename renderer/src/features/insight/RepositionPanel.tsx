import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RepositionAdvice } from '../../../../shared/contract/insightContract';
import { useConsoleApi } from '../../app/ConsoleContext';
import { useSeatControl } from '../operator';
import type { MapController } from '../../map';

const MAX_MOVES = 3;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * Repositioning advice: 3-minute demand coverage now and after the suggested moves; each move can
 * be sent. While open, the map previews the moves (arrows to their targets) over the coverage as
 * it would be after them.
 */
export function RepositionPanel({ controller }: { controller: MapController | null }) {
  const { t } = useTranslation();
  const api = useConsoleApi();
  const seat = useSeatControl('reposition');
  const [open, setOpen] = useState(false);
  const [advice, setAdvice] = useState<RepositionAdvice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    if (!open) {
      setAdvice(null);
      setSent(new Set());
      return;
    }
    let active = true;
    api.requests['insight.reposition']({ maxMoves: MAX_MOVES }).then(
      (r) => active && (setAdvice(r), setError(null)),
      (err: unknown) => active && setError((err as Error).message),
    );
    return () => {
      active = false;
    };
  }, [api, open]);

  useEffect(() => {
    if (!controller) return;
    if (!advice) {
      controller.setRepositionPreview(null);
      return;
    }
    let active = true;
    controller.setRepositionPreview({ moves: advice.moves, after: null });
    if (advice.moves.length > 0) {
      const moves = advice.moves.map((m) => ({ unitId: m.unitId, lng: m.to.lng, lat: m.to.lat }));
      api.requests['insight.repositionCoverage']({ moves }).then(
        (after) => active && controller.setRepositionPreview({ moves: advice.moves, after: after.geojson }),
        (err: unknown) => active && setError((err as Error).message),
      );
    }
    return () => {
      active = false;
      controller.setRepositionPreview(null);
    };
  }, [api, controller, advice]);

  const send = (move: RepositionAdvice['moves'][number]) => {
    api.requests['insight.sendMove']({ unitId: move.unitId, lng: move.to.lng, lat: move.to.lat }).then(
      () => setSent((s) => new Set([...s, move.unitId])),
      (err: unknown) => setError((err as Error).message),
    );
  };

  return (
    <div className="insight-reposition">
      <button
        type="button"
        data-testid="reposition-toggle"
        aria-pressed={open}
        onClick={() => setOpen((o) => !o)}
      >
        {t('insight.reposition.toggle')}
      </button>
      {open ? (
        <div className="insight-box" data-testid="reposition-panel">
          {error ? <div>{t('insight.error', { message: error })}</div> : null}
          {!advice ? (
            !error ? (
              <div>{t('insight.loading')}</div>
            ) : null
          ) : (
            <>
              <strong>
                {t('insight.reposition.title', {
                  hour: String(advice.hour).padStart(2, '0'),
                  weeks: advice.weeks,
                })}
              </strong>
              <div className="insight-muted">
                {t('insight.reposition.demand', { count: advice.demandAlerts })} ·{' '}
                {t('insight.reposition.idle', { count: advice.idleUnits })}
              </div>
              <div data-testid="reposition-figures" data-before={advice.before} data-after={advice.after}>
                {t('insight.reposition.before')} <strong>{pct(advice.before)}</strong> →{' '}
                {t('insight.reposition.after')} <strong>{pct(advice.after)}</strong>
              </div>
              {advice.moves.length === 0 ? <div>{t('insight.reposition.none')}</div> : null}
              <ul>
                {advice.moves.map((m) => (
                  <li key={m.unitId} data-testid="reposition-move" data-unit-id={m.unitId}>
                    {t('insight.reposition.move', {
                      unit: m.callsign,
                      to:
                        m.toKind === 'post'
                          ? t('insight.reposition.toPost', { label: m.toLabel })
                          : t('insight.reposition.toCell', { label: m.toLabel }),
                    })}{' '}
                    <span className="insight-muted">
                      {t('insight.reposition.gain', { gain: pct(m.gain) })}
                    </span>{' '}
                    <button
                      type="button"
                      disabled={!seat.allowed || sent.has(m.unitId)}
                      title={seat.hint}
                      onClick={() => send(m)}
                    >
                      {sent.has(m.unitId) ? t('insight.reposition.sent') : t('insight.reposition.send')}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}
