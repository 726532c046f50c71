// Audit: the tenant's audit log, filtered, newest first, and the hash chain's verification.
import { el, clear, field, problem, formatNumber } from '../elements.js';
import { get } from '../api.js';
import { cursorPages, filterForm, shown, startOfDay } from '../paging.js';

const filters = { user_id: '', action: '', resource_type: '', from: '', to: '' };

export async function render(main) {
  const inputs = {
    user_id: el('input', { id: 'audit-user', name: 'user_id', type: 'text', value: filters.user_id, autocomplete: 'off' }),
    action: el('input', { id: 'audit-action', name: 'action', type: 'text', value: filters.action, autocomplete: 'off' }),
    resource_type: el('input', { id: 'audit-resource-type', name: 'resource_type', type: 'text', value: filters.resource_type, autocomplete: 'off' }),
    from: el('input', { id: 'audit-from', name: 'from', type: 'date', value: filters.from }),
    to: el('input', { id: 'audit-to', name: 'to', type: 'date', value: filters.to }),
  };
  const form = el('form', { class: 'filters', 'aria-label': 'Filter the audit log' },
    field('User', inputs.user_id), field('Action', inputs.action), field('Resource type', inputs.resource_type),
    field('From', inputs.from), field('Until', inputs.to),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Filter'), el('button', { type: 'reset', class: 'secondary' }, 'Clear')));
  const verify = el('button', { type: 'button', id: 'audit-verify' }, 'Verify chain');
  const verdict = el('div', { id: 'audit-verdict', role: 'status', 'aria-live': 'polite' });
  const rows = el('tbody', { id: 'audit-rows' });
  const status = el('p', { id: 'audit-status', class: 'hint', 'aria-live': 'polite' });
  const more = el('button', { type: 'button', id: 'audit-more', class: 'secondary', hidden: true }, 'More entries');
  main.append(el('h1', {}, 'Audit log'), el('div', { class: 'toolbar' }, verify, verdict), form, status,
    el('div', { class: 'table-wrap' }, el('table', { id: 'audit-table' },
      el('caption', { class: 'visually-hidden' }, 'Audit entries, newest first'),
      el('thead', {}, el('tr', {}, ['Seq', 'Time', 'User', 'Action', 'Resource', 'IP', 'Hash'].map(h => el('th', { scope: 'col' }, h)))),
      rows)),
    el('div', { class: 'toolbar' }, more));

  const load = cursorPages({
    list: rows, more, status,
    fetchPage: async cursor => {
      const page = await get('/api/v1/audit-logs', { user_id: filters.user_id, action: filters.action, resource_type: filters.resource_type,
        from: startOfDay(filters.from), to: startOfDay(filters.to, 1), limit: 50, cursor });
      return { items: page.audit_logs, next: page.audit_logs.length > 0 ? page.next_cursor : null };
    },
    render: row,
    describe: (count, more) => shown(count, more, 'entry', 'entries', 'No audit entries match.'),
  });
  filterForm(form, inputs, filters, load);
  verify.addEventListener('click', async () => {
    verify.disabled = true;
    clear(verdict).append(el('span', { class: 'hint' }, 'Verifying…'));
    try {
      const result = await get('/api/v1/audit-logs/verify');
      clear(verdict).append(result.valid
        ? el('span', { class: 'ok', dataset: { valid: 'true', checked: result.checked } }, `✓ Chain intact: ${formatNumber(result.checked)} of ${formatNumber(result.entries)} entries checked.`)
        : el('span', { class: 'error', dataset: { valid: 'false', checked: result.checked } },
          `✕ Chain broken at entry ${brokenAt(result.first_broken)} (${formatNumber(result.checked)} checked).`));
      if (result.note) verdict.append(' ', el('span', { class: 'hint', id: 'audit-note' }, result.note)); // unkeyed entries: what they are worth
    } catch (e) {
      clear(verdict).append(problem(e));
    } finally {
      verify.disabled = false;
    }
  });
  await load(false);
}

function brokenAt(broken) {
  if (broken === null || broken === undefined) return '?';
  if (typeof broken === 'object') return [broken.seq, broken.problem ?? broken.reason].filter(v => v !== undefined && v !== null).join(': ');
  return String(broken);
}

function row(e) {
  return el('tr', { dataset: { seq: e.seq } },
    el('td', { class: 'num' }, String(e.seq ?? '')),
    el('td', {}, el('time', { datetime: e.created_at }, e.created_at_formatted ?? e.created_at ?? '')),
    el('td', {}, e.user_id ?? ''),
    el('td', {}, e.action ?? ''),
    el('td', {}, [e.resource_type, e.resource_id].filter(Boolean).join(' ')),
    el('td', { class: 'mono' }, e.ip_address ?? ''),
    el('td', { class: 'mono', title: e.hash ?? '' }, (e.hash ?? '').slice(0, 12)));
}
