import type { Translate } from '../../i18n/memoTranslate';
import type { Alert } from '../../../../shared/domain/alert';
import { ownerLabel } from '../../../../shared/domain/seat';

/**
 * Who handles the alert (protocol 2): on each queue row and in the detail. `data-owner`: the
 * operator, empty when unclaimed. `t` comes from the caller: a hook per queue row cost the
 * renderer a copy of the i18n instance per mounted row (bench/alertToScreen.ts).
 */
export function AlertOwner({ alert, t }: { alert: Alert; t: Translate }) {
  const owner = alert.owner ?? null;
  return (
    <span
      className={`alert-owner${owner ? (owner.mine ? ' mine' : ' other') : ' none'}`}
      data-testid="alert-owner"
      data-owner={owner?.operator ?? ''}
      data-seat={owner?.seat ?? ''}
      data-mine={String(owner?.mine ?? false)}
      title={owner ? t('seats.ownerTitle', { owner: ownerLabel(owner) }) : t('seats.unowned')}
    >
      {owner
        ? owner.mine
          ? t('seats.ownerMine', { owner: ownerLabel(owner) })
          : t('seats.owner', { owner: ownerLabel(owner) })
        : t('seats.unowned')}
    </span>
  );
}
