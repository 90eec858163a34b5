import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferredCase } from '../../../../shared/contract/dispatchContract';
import { useConsoleApi } from '../../app/ConsoleContext';
import { useScrollIntoView } from '../../shared-ui/useScrollIntoView';

/** Overdue is judged by the host at request time: refetch now and then so a case turns red on its own. */
const REFRESH_MS = 30_000;

/** Cases handed over (分流) and waiting for their feedback, refetched whenever any alert's steps change. */
export function useTransferredCases(): TransferredCase[] {
  const api = useConsoleApi();
  const [cases, setCases] = useState<TransferredCase[]>([]);
  useEffect(() => {
    let cancelled = false;
    const load = () =>
      void api.requests['alerts.transferred']().then(
        (c) => !cancelled && setCases(c),
        () => undefined,
      );
    load();
    const off = api.subscribe['alerts.historyChanged'](load);
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      cancelled = true;
      off();
      clearInterval(timer);
    };
  }, [api]);
  return cases;
}

const when = (iso: string, locale: string) =>
  new Date(iso).toLocaleString(locale, {
    hour12: false,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

function CaseRow({ c, selected, onSelect }: { c: TransferredCase; selected: boolean; onSelect: () => void }) {
  const { t, i18n } = useTranslation();
  const ref = useScrollIntoView<HTMLLIElement>(selected);
  return (
    <li
      ref={ref}
      role="option"
      aria-selected={selected}
      data-testid="transferred-item"
      data-alert-id={c.alert.id}
      data-overdue={String(c.overdue)}
      className={`alert-item transferred-item${selected ? ' selected' : ''}${c.overdue ? ' overdue' : ''}`}
      onClick={onSelect}
    >
      <span className={`source-badge source-${c.alert.source}`}>{t(`source.${c.alert.source}`)}</span>
      <span className="alert-category">{t(`category.${c.alert.category}`)}</span>
      <span className="transfer-department">
        {c.target === 'department' ? c.department : t('dispatch.desk.toHotline', { target: c.target })}
      </span>
      {c.overdue ? (
        <span className="overdue-badge" data-testid="transferred-overdue">
          {t('dispatch.desk.overdue')}
        </span>
      ) : null}
      <span className="transfer-due">{t('dispatch.desk.due', { time: when(c.dueAt, i18n.language) })}</span>
      <span className="alert-address">{c.alert.address}</span>
    </li>
  );
}

/** The 已转办 tab of the queue: due time per case, overdue ones flagged; select one to record feedback and close it. */
export function TransferredList({
  cases,
  selectedId,
  onSelect,
}: {
  cases: readonly TransferredCase[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  if (cases.length === 0)
    return (
      <p className="panel-empty" data-testid="transferred-empty">
        {t('dispatch.desk.noTransferred')}
      </p>
    );
  return (
    <ul
      role="listbox"
      aria-label={t('dispatch.desk.transferredTab')}
      className="alert-list"
      data-testid="transferred-list"
    >
      {cases.map((c) => (
        <CaseRow
          key={c.alert.id}
          c={c}
          selected={c.alert.id === selectedId}
          onSelect={() => onSelect(c.alert.id)}
        />
      ))}
    </ul>
  );
}
