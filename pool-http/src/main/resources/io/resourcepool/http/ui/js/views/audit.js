// The audit log, for admins: search it by actor, action (a prefix) and time, newest first; verify its hash chain and
// show the verdict (the check itself is audited).
import { describe, get, post, withQuery } from '../api.js';
import { $, el, onSubmit, say } from '../dom.js';
import { dateTime } from '../format.js';
import { fill } from '../table.js';

const LIMIT = 200;

const COLUMNS = [
  { label: '#', value: (e) => String(e.sequence) },
  { label: 'Time', value: (e) => dateTime(e.at), title: (e) => e.at },
  { label: 'Actor', value: (e) => e.actor || '—' },
  { label: 'Action', value: (e) => el('code', {}, e.action) },
  { label: 'Target', value: (e) => e.target || '—' },
  { label: 'Source', value: (e) => e.sourceAddress || '—' },
  { label: 'Detail', value: (e) => e.detail, class: 'detail' },
];

/** The since field (a local date and time) as an ISO-8601 UTC time, or '' when empty. */
function since() {
  const value = $('#audit-since').value;
  return value ? new Date(value).toISOString() : '';
}

async function refresh() {
  try {
    const { entries } = await get(withQuery('/v1/audit', {
      actor: $('#audit-actor').value.trim(), action: $('#audit-action').value.trim(), since: since(), limit: LIMIT,
    }));
    say($('#audit-error'), '');
    $('#audit-note').textContent = entries.length === LIMIT ? `newest first; the latest ${LIMIT} that match` : `newest first; ${entries.length} row(s)`;
    fill($('#audit-table'), entries, COLUMNS, { empty: 'No row matches.', id: (e) => String(e.sequence) });
  } catch (error) {
    say($('#audit-error'), describe(error));
  }
}

async function verify() {
  const verdict = $('#audit-verdict');
  try {
    const v = await post('/v1/audit/verify');
    verdict.className = v.intact ? 'verdict-ok' : 'verdict-bad';
    verdict.textContent = v.intact
      ? `The audit log is intact: ${v.rowsChecked} row(s) checked.`
      : `The audit log is NOT intact: ${v.problem} (first bad row ${v.firstBadRow}; the ${v.rowsChecked} row(s) before it are intact).`;
  } catch (error) {
    verdict.className = 'verdict-bad';
    verdict.textContent = describe(error);
  }
  verdict.hidden = false;
  await refresh();
}

export default {
  needs: 'admin',
  interval: 5000,
  setUp() {
    onSubmit($('#audit-filter'), refresh);
    $('#audit-verify').addEventListener('click', verify);
  },
  refresh,
  reset() {
    $('#audit-filter').reset();
    $('#audit-verdict').hidden = true;
    say($('#audit-error'), '');
  },
};
