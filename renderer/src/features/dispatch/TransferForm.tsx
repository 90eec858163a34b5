import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../../shared/domain/alert';
import type { LifecycleActionRequest } from '../../../../shared/contract/dispatchContract';

type Target = 'department' | '110' | '12345';

/**
 * 分流/转办: a 12345 case goes to a city department (or to 110 when it is a police matter),
 * a 110 call that is a citizen-service matter goes to 12345 — always with a due time, so an
 * overdue case can be flagged.
 */
export function TransferForm({
  alert,
  onSubmit,
  onCancel,
}: {
  alert: Alert;
  onSubmit: (action: LifecycleActionRequest) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<Target>(alert.source === '12345' ? 'department' : '12345');
  const [department, setDepartment] = useState('');
  const [hours, setHours] = useState(24);
  const departmentName = target === 'department' ? department.trim() : target;
  return (
    <form
      className="action-form"
      data-testid="transfer-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!departmentName || hours <= 0) return;
        onSubmit({
          type: 'transfer',
          target,
          department: departmentName,
          dueAt: new Date(Date.now() + hours * 3_600_000).toISOString(),
        });
      }}
    >
      <select
        aria-label={t('dispatch.transferTarget')}
        value={target}
        onChange={(e) => setTarget(e.target.value as Target)}
      >
        <option value="department">{t('dispatch.toDepartment')}</option>
        {alert.source === '12345' ? <option value="110">110</option> : <option value="12345">12345</option>}
      </select>
      {target === 'department' ? (
        <input
          data-testid="transfer-department"
          autoFocus
          value={department}
          placeholder={t('dispatch.department')}
          onChange={(e) => setDepartment(e.target.value)}
        />
      ) : null}
      <input
        type="number"
        min={1}
        max={720}
        aria-label={t('dispatch.dueHours')}
        value={hours}
        onChange={(e) => setHours(Number(e.target.value))}
        style={{ width: '5em', flex: 'none' }}
      />
      <button type="submit" data-testid="transfer-confirm">
        {t('dispatch.transfer')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </form>
  );
}
