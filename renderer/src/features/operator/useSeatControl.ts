import { useTranslation } from 'react-i18next';
import { maySeatControl, type SeatControl } from '../../../../shared/domain/lifecycle/seatControls';
import { useOperator } from './useOperator';

/**
 * May the signed-in operator use a seat control (the same table the host enforces)? `hint` says
 * why not — sign in, or the role — for the disabled control's title and label.
 */
export function useSeatControl(control: SeatControl): { allowed: boolean; hint: string | undefined } {
  const { t } = useTranslation();
  const operator = useOperator();
  if (maySeatControl(operator?.role, control)) return { allowed: true, hint: undefined };
  return {
    allowed: false,
    hint: operator ? t('seat.notAllowed', { role: t(`role.${operator.role}`) }) : t('seat.signIn'),
  };
}
