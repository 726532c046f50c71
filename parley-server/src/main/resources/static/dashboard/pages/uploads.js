// Uploads: import jobs with live progress (polled every second while any is pending or processing)
// and a form that starts a new import (multipart: part `file`, field `format`).
import { el, clear, field, select, problem, formatNumber, announce } from '../elements.js';
import { get, request } from '../api.js';
import { can, currentSession } from '../session.js';

const FORMATS = [['whatsapp-export', 'WhatsApp chat export (.txt)'], ['jsonl', 'JSON lines'], ['json', 'JSON'], ['csv', 'CSV'], ['log', 'Log file']];
const RUNNING = new Set(['pending', 'processing', 'queued']);

export async function render(main) {
  const file = el('input', { id: 'upload-file', name: 'file', type: 'file', required: true });
  const format = select('upload-format', 'format', FORMATS, 'whatsapp-export');
  const submit = el('button', { type: 'submit', id: 'upload-submit' }, 'Upload');
  const outcome = el('div', { id: 'upload-outcome', 'aria-live': 'polite' });
  const form = el('form', { class: 'filters', id: 'upload-form', 'aria-labelledby': 'upload-title' },
    field('File', file), field('Format', format), el('div', { class: 'actions' }, submit));
  const rows = el('tbody', { id: 'upload-rows' });
  const status = el('p', { id: 'upload-status', class: 'hint', 'aria-live': 'polite' });
  // importing is a write: admins (and API keys) only; a viewer would see a form that always fails
  const importing = can('admin') ? [form, outcome]
    : [el('p', { class: 'hint', id: 'upload-needs-admin' }, `Importing files needs the admin role; you are signed in as a ${currentSession()?.role ?? 'viewer'}.`)];
  main.append(el('h1', {}, 'Uploads'),
    el('section', { 'aria-labelledby': 'upload-title' }, el('h2', { id: 'upload-title' }, 'Import a file'), ...importing),
    el('section', { 'aria-labelledby': 'jobs-title' }, el('h2', { id: 'jobs-title' }, 'Import jobs'), status,
      el('div', { class: 'table-wrap' }, el('table', { id: 'upload-table' },
        el('caption', { class: 'visually-hidden' }, 'Import jobs, newest first'),
        el('thead', {}, el('tr', {}, ['Upload', 'File', 'Format', 'Status', 'Progress', 'Records', 'Errors', 'Created'].map(h => el('th', { scope: 'col' }, h)))),
        rows))));

  let timer = null;
  let stopped = false;
  const refresh = async () => {
    timer = null;
    try {
      const page = await get('/api/v1/logs/metadata/', { page_size: 50 });
      if (stopped) return;
      clear(rows).append(...page.metadata.map(row));
      const running = page.metadata.filter(u => RUNNING.has(u.status)).length;
      status.textContent = page.metadata.length === 0 ? 'No uploads yet.'
        : `${page.count ?? page.metadata.length} upload${page.metadata.length === 1 ? '' : 's'}${running ? `, ${running} running (updating every second)` : ''}.`;
      if (running && !stopped) timer = setTimeout(refresh, 1000);
    } catch (e) {
      if (!stopped) clear(status).append(problem(e));
    }
  };
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!file.files.length) {
      clear(outcome).append(problem('Choose a file first.'));
      return;
    }
    submit.disabled = true;
    clear(outcome);
    const body = new FormData();
    body.append('file', file.files[0]);
    body.append('format', format.value);
    try {
      const reply = await request('/api/v1/imports', { method: 'POST', body });
      outcome.append(el('p', { class: 'ok' }, `Upload ${reply.upload_id ?? ''} accepted (status: ${reply.status ?? 'pending'}).`));
      announce('Upload started');
      form.reset();
      if (timer) clearTimeout(timer);
      await refresh();
    } catch (e) {
      outcome.append(problem(e));
    } finally {
      submit.disabled = false;
    }
  });
  await refresh();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

function row(u) {
  const progress = Number(u.progress ?? (u.status === 'success' ? 100 : 0));
  return el('tr', { dataset: { uploadId: u.upload_id, status: u.status } },
    el('td', { class: 'mono' }, u.upload_id ?? ''),
    el('td', {}, u.file_name ?? ''),
    el('td', {}, u.format_type ?? ''),
    el('td', {}, el('span', { class: 'badge ' + (u.status ?? '') }, u.status ?? '')),
    el('td', {}, el('progress', { max: '100', value: String(progress), 'aria-label': `Progress of ${u.upload_id}` }), ` ${progress}%`),
    el('td', { class: 'num' }, formatNumber(u.log_count ?? 0)),
    el('td', { class: 'num', title: (u.errors || []).slice(0, 5).map(e => (e.line ? 'line ' + e.line + ': ' : '') + (e.error ?? e.message ?? '')).join('\n') },
      formatNumber(u.error_count ?? (u.errors || []).length)),
    el('td', {}, el('time', { datetime: u.created_at }, u.created_at_formatted ?? '')));
}
