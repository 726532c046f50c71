// Health: /health (MongoDB status, mode, Redis when present) and this tenant's documents per collection.
import { el, clear, problem, formatNumber } from '../elements.js';
import { get, request } from '../api.js';

export async function render(main) {
  const service = el('section', { id: 'health-service', 'aria-labelledby': 'service-title' },
    el('h2', { id: 'service-title' }, 'Service'));
  const collections = el('section', { id: 'health-collections', 'aria-labelledby': 'collections-title' },
    el('h2', { id: 'collections-title' }, 'Your data per collection'));
  const refresh = el('button', { type: 'button', id: 'health-refresh', class: 'secondary' }, 'Refresh');
  main.append(el('h1', {}, 'Health'), el('div', { class: 'toolbar' }, refresh), service, collections);
  const load = async () => {
    await Promise.all([showHealth(service), showStats(collections)]);
  };
  refresh.addEventListener('click', load);
  await load();
}

async function showHealth(section) {
  clear(section).append(el('h2', { id: 'service-title' }, 'Service'));
  let health;
  try {
    // 503 still carries the body: read it rather than failing
    health = await request('/health', { token: '' }).catch(e => { if (e.body && typeof e.body === 'object') return e.body; throw e; });
  } catch (e) {
    section.append(problem(e));
    return;
  }
  const mongo = health.mongodb || {};
  const rows = [
    ['Overall', health.status],
    ['MongoDB', mongo.status],
    ['Mode', mongo.mode],
    ['Database', mongo.database],
    ['Latency', mongo.latency_ms === null || mongo.latency_ms === undefined ? '—' : mongo.latency_ms + ' ms'],
    ['Detail', mongo.detail ?? mongo.message],
  ];
  if (health.redis) rows.push(['Redis', typeof health.redis === 'object' ? (health.redis.status ?? JSON.stringify(health.redis)) : String(health.redis)]);
  else rows.push(['Redis', 'not configured']);
  section.append(el('dl', { class: 'cards', id: 'health-cards', dataset: { status: health.status ?? '', mode: mongo.mode ?? '' } },
    rows.map(([label, value]) => el('div', { class: 'card' }, el('dt', {}, label),
      el('dd', { class: label === 'Overall' || label === 'MongoDB' ? (value === 'healthy' ? 'ok' : 'error') : '', style: 'font-size:1rem' }, value ?? '—')))));
}

async function showStats(section) {
  clear(section).append(el('h2', { id: 'collections-title' }, 'Your data per collection'));
  try {
    const stats = await get('/api/v1/stats');
    section.append(el('p', { class: 'hint' }, `${formatNumber(stats.totals.documents)} documents of tenant ${stats.organization_id} in ${stats.totals.collections} collections.`),
      el('div', { class: 'table-wrap' }, el('table', { id: 'stats-table' },
        el('caption', { class: 'visually-hidden' }, 'Documents per collection'),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Collection'), el('th', { scope: 'col', class: 'num' }, 'Documents'))),
        el('tbody', {}, stats.collections.map(c => el('tr', { dataset: { collection: c.collection, documents: c.documents } },
          el('td', { class: 'mono' }, c.collection), el('td', { class: 'num' }, formatNumber(c.documents))))))));
  } catch (e) {
    section.append(problem(e));
  }
}
