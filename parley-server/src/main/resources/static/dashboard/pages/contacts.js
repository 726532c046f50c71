// Contacts: the people the tenant talks to (search by number, email or name), one contact with its
// conversations, and, for admins, their data export (a job with progress, then the zip) and their
// erasure behind a typed confirmation, with the erasure report.
import { el, clear, field, problem, formatNumber, announce } from '../elements.js';
import { get, request } from '../api.js';
import { can, currentSession } from '../session.js';
import { cursorPages, filterForm, shown } from '../paging.js';

const filters = { q: '' };

export async function render(main, { id }) {
  return id ? renderOne(main, id) : renderList(main);
}

async function renderList(main) {
  const inputs = { q: el('input', { id: 'contacts-q', name: 'q', type: 'search', value: filters.q, autocomplete: 'off' }) };
  const form = el('form', { class: 'filters', 'aria-label': 'Find contacts' },
    field('Phone, email or name', inputs.q),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Find'), el('button', { type: 'reset', class: 'secondary' }, 'Clear')));
  const rows = el('tbody', { id: 'contacts-rows' });
  const status = el('p', { id: 'contacts-status', class: 'hint', 'aria-live': 'polite' });
  const more = el('button', { type: 'button', id: 'contacts-more', class: 'secondary', hidden: true }, 'More contacts');
  main.append(el('h1', {}, 'Contacts'), form, status,
    el('div', { class: 'table-wrap' }, el('table', { id: 'contacts-table' },
      el('caption', { class: 'visually-hidden' }, 'Contacts'),
      el('thead', {}, el('tr', {}, ['Name', 'Identifiers', 'Conversations', 'Last seen'].map(h => el('th', { scope: 'col' }, h)))),
      rows)),
    el('div', { class: 'toolbar' }, more));
  const load = cursorPages({
    list: rows, more, status,
    fetchPage: async cursor => {
      const page = await get('/api/v1/contacts', { q: filters.q, limit: 50, cursor });
      return { items: page.contacts, next: page.next_cursor };
    },
    render: c => el('tr', { dataset: { contactId: c.contact_id } },
      el('td', {}, el('a', { href: '#/contacts/' + encodeURIComponent(c.contact_id), dir: 'auto' }, c.display_name || c.contact_id)),
      el('td', { class: 'mono' }, (c.identifiers || []).map(i => i.value).join(', ')),
      el('td', { class: 'num' }, String((c.conversation_ids || []).length)),
      el('td', {}, el('time', { datetime: c.last_seen_at }, c.last_seen_at_formatted ?? c.last_seen_at ?? ''))),
    describe: (count, more) => shown(count, more, 'contact', 'contacts', 'No contacts match.'),
  });
  filterForm(form, inputs, filters, load);
  await load(false);
}

async function renderOne(main, id) {
  const path = '/api/v1/contacts/' + encodeURIComponent(id);
  main.append(el('p', {}, el('a', { href: '#/contacts' }, '← All contacts')));
  let contact;
  try {
    contact = await get(path);
  } catch (e) {
    if (e.status === 404) return renderErased(main, id, path);
    throw e;
  }
  const conversations = el('ul', { id: 'contact-conversations' }, (contact.conversations || []).map(c =>
    el('li', {}, el('a', { href: '#/conversations/' + encodeURIComponent(c.conversation_id) }, c.conversation_id),
      ` · ${c.channel ?? ''} · ${c.status ?? ''} · ${c.started_at_formatted ?? ''}`)));
  main.append(el('h1', { id: 'contact-name', dir: 'auto' }, contact.display_name || contact.contact_id),
    el('dl', { class: 'facts', id: 'contact-facts' },
      el('dt', {}, 'Contact'), el('dd', { class: 'mono' }, contact.contact_id),
      el('dt', {}, 'Identifiers'), el('dd', { class: 'mono' }, (contact.identifiers || []).map(i => `${i.type}: ${i.value}`).join(', ')),
      el('dt', {}, 'First seen'), el('dd', {}, contact.first_seen_at_formatted ?? ''),
      el('dt', {}, 'Last seen'), el('dd', {}, contact.last_seen_at_formatted ?? '')),
    el('h2', {}, 'Conversations'), conversations.childElementCount ? conversations : el('p', { class: 'hint' }, 'No conversations.'));
  if (!can('admin')) {
    main.append(el('p', { class: 'hint', id: 'contact-needs-admin' },
      `Exporting and erasing a contact's data needs the admin role; you are signed in as a ${currentSession()?.role ?? 'viewer'}.`));
    return null;
  }
  main.append(exportSection(path), erasureSection(path, contact));
  return null;
}

/** The data export: start a job, follow its progress, then download the zip. */
function exportSection(path) {
  const start = el('button', { type: 'button', id: 'contact-export' }, 'Export their data');
  const progress = el('progress', { id: 'contact-export-progress', max: 100, value: 0, hidden: true });
  const outcome = el('div', { id: 'contact-export-outcome', 'aria-live': 'polite' });
  start.addEventListener('click', async () => {
    start.disabled = true;
    clear(outcome);
    try {
      let job = await request(path + '/exports', { method: 'POST' });
      progress.hidden = false;
      while (job.status === 'pending' || job.status === 'running') {
        progress.value = job.progress ?? 0;
        await new Promise(resolve => setTimeout(resolve, 500));
        job = await get(path + '/exports/' + encodeURIComponent(job.export_id));
      }
      progress.value = job.progress ?? 0;
      if (job.status !== 'done') throw new Error('The export failed: ' + (job.error ?? job.status));
      const download = el('button', { type: 'button', id: 'contact-export-download' }, 'Download the archive');
      download.addEventListener('click', () => saveArchive(path + '/exports/' + encodeURIComponent(job.export_id) + '/archive',
        `contact-${job.contact_id}-${job.export_id}.zip`, outcome));
      outcome.append(el('p', { dataset: { documents: job.documents } }, `Done: ${formatNumber(job.documents)} documents, ${formatNumber(job.bytes)} bytes. `), download);
      announce('Export ready');
    } catch (e) {
      outcome.append(problem(e));
    } finally {
      start.disabled = false;
    }
  });
  return el('section', { 'aria-labelledby': 'contact-export-title' }, el('h2', { id: 'contact-export-title' }, 'Data export'),
    el('p', { class: 'hint' }, 'One zip: everything Parley keeps about this person, as JSON per collection, and a transcript of each conversation.'),
    el('div', { class: 'toolbar' }, start, progress), outcome);
}

/** The zip, fetched with the session's credentials and handed to the browser as a file. */
async function saveArchive(url, name, outcome) {
  try {
    const response = await fetch(url, { headers: { Authorization: 'Bearer ' + currentSession().token } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const link = el('a', { href: URL.createObjectURL(await response.blob()), download: name });
    document.body.append(link);
    link.click();
    link.remove();
  } catch (e) {
    outcome.append(problem(e));
  }
}

/** Erasure behind a typed confirmation: the contact id must be typed before the button works. */
function erasureSection(path, contact) {
  const typed = el('input', { id: 'contact-erase-confirm', type: 'text', autocomplete: 'off', spellcheck: 'false' });
  const erase = el('button', { type: 'submit', id: 'contact-erase', class: 'danger', disabled: true }, 'Erase permanently');
  const outcome = el('div', { id: 'contact-erase-outcome', 'aria-live': 'polite' });
  typed.addEventListener('input', () => { erase.disabled = typed.value.trim() !== contact.contact_id; });
  const form = el('form', { class: 'filters', id: 'contact-erase-form' },
    field(`Type ${contact.contact_id} to confirm`, typed), el('div', { class: 'actions' }, erase));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (typed.value.trim() !== contact.contact_id) return;
    erase.disabled = true;
    clear(outcome);
    try {
      const record = await request(path, { method: 'DELETE' });
      form.remove();
      outcome.append(report(record));
      announce('Contact erased');
    } catch (e) {
      outcome.append(problem(e)); // a legal hold answers 409 with its reason
      erase.disabled = false;
    }
  });
  return el('section', { 'aria-labelledby': 'contact-erase-title' }, el('h2', { id: 'contact-erase-title' }, 'Erase this contact'),
    el('p', { class: 'hint' }, 'Erases their messages, names, numbers, custom fields, raw webhook payloads, search entries and the parts of audit entries and events that name them. Delivery facts and analytics counts stay, without anything that identifies them. This cannot be undone; a legal hold refuses it.'),
    form, outcome);
}

async function renderErased(main, id, path) {
  try {
    const record = await get(path + '/erasure-report');
    main.append(el('h1', {}, 'Erased contact'), report(record));
  } catch (e) {
    main.append(problem(e));
  }
  return null;
}

function report(record) {
  const rows = (record.report?.collections || []).map(c => el('tr', { dataset: { collection: c.collection, found: c.found } },
    el('td', {}, c.collection), el('td', { class: 'num' }, formatNumber(c.documents_checked)), el('td', { class: 'num' }, formatNumber(c.found))));
  return el('div', { id: 'contact-erasure-report', dataset: { clean: String(record.report?.clean) } },
    el('p', {}, `Erased ${record.erased_at_formatted ?? record.erased_at ?? ''} (erasure ${record.erasure_id}). `,
      record.report?.clean ? 'Every collection was walked: nothing names them.' : 'Some documents still name them: see below.'),
    el('div', { class: 'table-wrap' }, el('table', {},
      el('caption', {}, 'Erasure report: documents checked, and those that still name the person'),
      el('thead', {}, el('tr', {}, ['Collection', 'Checked', 'Found'].map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows))));
}
