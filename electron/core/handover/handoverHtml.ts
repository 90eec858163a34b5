import type { HandoverRecord } from '../../../shared/contract/handoverContract';

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A handover as a self-contained printable page (bilingual headings: it is filed and read by both). */
export function renderHandoverHtml(r: HandoverRecord): string {
  const c = r.content;
  const rows = (cells: string[][]) =>
    cells.map((row) => `<tr>${row.map((x) => `<td>${escape(x)}</td>`).join('')}</tr>`).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>交接班 Shift handover #${r.id}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%;margin-bottom:1em}td,th{border:1px solid #999;padding:4px 6px;text-align:left}h2{margin-top:1.5em}</style></head>
<body>
<h1>交接班 Shift handover #${r.id}</h1>
<p>席位 Seat: ${escape(c.seat)} · 时间 Time: ${escape(r.at)}</p>
<p>交班人 Outgoing: <strong>${escape(r.outgoing)}</strong> (audit #${r.outgoingAuditSeq}) · 接班人 Incoming: <strong>${escape(r.incoming)}</strong> (audit #${r.incomingAuditSeq})</p>
<h2>在办警情 Open cases (${c.openCases.length})</h2>
<table><tr><th>ID</th><th>Status</th><th>Priority</th><th>Address</th></tr>${rows(c.openCases.map((a) => [a.id, a.status, String(a.priority), a.address]))}</table>
<h2>已分流待反馈 Transferred (${c.transferredCases.length})</h2>
<table><tr><th>ID</th><th>Department</th><th>Due</th><th>Overdue</th></tr>${rows(c.transferredCases.map((t) => [t.alert.id, t.department, t.dueAt, t.overdue ? 'yes' : 'no']))}</table>
<h2>在外警力 Units out (${c.unitsOut.length})</h2>
<table><tr><th>Unit</th><th>Callsign</th><th>Status</th><th>Alert</th></tr>${rows(c.unitsOut.map((u) => [u.unitId, u.callsign, u.status, u.alertId ?? '']))}</table>
<h2>交班事项 Notes</h2>
<p style="white-space:pre-wrap">${escape(r.notes)}</p>
</body></html>
`;
}
