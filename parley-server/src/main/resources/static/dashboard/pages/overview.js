// Overview: messages sent per day with how many of them were delivered, read or failed (funnel
// stages, not added up), rates, failure codes, inbound vs outbound,
// all from the rollups message writes keep (analytics/messaging and metrics/*/daily?source=messages).
import { el, clear, field, select, problem, formatNumber, formatRate } from '../elements.js';
import { get } from '../api.js';

const STATUS_SERIES = [
  { metric: 'messages_sent', key: 'sent', label: 'Sent', color: '#6b7280' },
  { metric: 'messages_delivered', key: 'delivered', label: 'Delivered', color: '#1a56db' },
  { metric: 'messages_read', key: 'read', label: 'Read', color: '#0e7a55' },
  { metric: 'messages_failed', key: 'failed', label: 'Failed', color: '#b42318' },
];
const INBOUND = { metric: 'messages_inbound', key: 'inbound', label: 'Inbound', color: '#9333ea' };

const choice = { days: '30', tz: '' };
let charts = [];
let pendingCharts = [];
let latestLoad = 0;

export async function render(main) {
  const days = select('overview-days', 'days', [['7', 'Last 7 days'], ['30', 'Last 30 days'], ['90', 'Last 90 days']], choice.days);
  const tz = el('input', { id: 'overview-tz', name: 'tz', type: 'text', value: choice.tz, placeholder: 'tenant default',
    autocomplete: 'off', spellcheck: 'false' });
  const form = el('form', { class: 'filters', 'aria-label': 'Overview range' },
    field('Range', days), field('Time zone (IANA)', tz, 'Empty: the tenant’s zone'),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Apply')));
  const body = el('div', { id: 'overview-body', 'aria-busy': 'true' });
  main.append(el('h1', {}, 'Overview'), form, body);
  const load = () => {
    choice.days = days.value;
    choice.tz = tz.value.trim();
    return show(body);
  };
  days.addEventListener('change', load);
  form.addEventListener('submit', event => { event.preventDefault(); load(); });
  await load();
  return () => destroyCharts();
}

function destroyCharts() {
  charts.forEach(chart => chart.destroy());
  charts = [];
}

async function show(body) {
  body.setAttribute('aria-busy', 'true');
  const params = { days: choice.days, tz: choice.tz };
  const thisLoad = ++latestLoad;
  let funnel;
  let daily;
  try {
    [funnel, ...daily] = await Promise.all([
      get('/api/v1/analytics/messaging', params),
      ...[...STATUS_SERIES, INBOUND].map(s => get(`/api/v1/metrics/${s.metric}/daily`, { ...params, source: 'messages' })),
    ]);
    await chartLibrary();
  } catch (e) {
    if (thisLoad !== latestLoad) return;
    clear(body).append(problem(e));
    body.setAttribute('aria-busy', 'false');
    return;
  }
  if (thisLoad !== latestLoad || !body.isConnected) return; // a newer range was asked for, or the page was left
  destroyCharts();
  clear(body);
  const dates = localDates(funnel, daily);
  const series = [...STATUS_SERIES, INBOUND].map((s, i) => {
    const byDay = new Map(daily[i].map(d => [d._id, d.total]));
    const values = dates.map(d => byDay.get(d) ?? 0);
    return { ...s, values, total: values.reduce((a, b) => a + b, 0) };
  });
  body.append(
    el('p', { class: 'hint', id: 'overview-zone' }, `Local days in ${funnel.time_zone}, ${funnel.from_formatted} to ${funnel.to_formatted}.`),
    cards(funnel),
    dailySection(dates, series.slice(0, 4)),
    el('div', { class: 'grid-2' }, directionSection(dates, series[0], series[4]), failureSection(funnel.failure_codes || [])));
  pendingCharts.forEach(([canvas, config]) => createChart(canvas, config));
  pendingCharts = [];
  body.setAttribute('aria-busy', 'false');
  if (performance.getEntriesByName('parley:overview-rendered').length === 0) {
    performance.mark('parley:overview-rendered');
  }
  body.dataset.rendered = 'true';
}

/** The local days of the range, oldest first, from the funnel's formatted bounds (tenant's or chosen zone). */
function localDates(funnel, daily) {
  const dates = [];
  const first = (funnel.from_formatted || '').slice(0, 10);
  const last = (funnel.to_formatted || '').slice(0, 10);
  if (/^\d{4}-\d{2}-\d{2}$/.test(first) && /^\d{4}-\d{2}-\d{2}$/.test(last)) {
    for (let day = new Date(first + 'T00:00:00Z'); day.toISOString().slice(0, 10) <= last; day.setUTCDate(day.getUTCDate() + 1)) {
      dates.push(day.toISOString().slice(0, 10));
    }
  }
  for (const list of daily) for (const d of list) if (!dates.includes(d._id)) dates.push(d._id);
  return dates.sort();
}

function cards(f) {
  const card = (id, label, value) => el('div', { class: 'card' }, el('dt', {}, label), el('dd', { id }, value));
  return el('dl', { class: 'cards', id: 'overview-cards' },
    card('card-sent', 'Sent', formatNumber(f.sent)),
    card('card-delivered', 'Delivered', formatNumber(f.delivered)),
    card('card-read', 'Read', formatNumber(f.read)),
    card('card-failed', 'Failed', formatNumber(f.failed)),
    card('card-inbound', 'Inbound', formatNumber(f.inbound)),
    card('card-delivery-rate', 'Delivery rate', formatRate(f.delivery_rate)),
    card('card-read-rate', 'Read rate', formatRate(f.read_rate)),
    card('card-failure-rate', 'Failure rate', formatRate(f.failure_rate)),
    card('card-median-delivered', 'Median to delivered', seconds(f.median_seconds_to_delivered)),
    card('card-median-read', 'Median to read', seconds(f.median_seconds_to_read)));
}

function seconds(value) {
  if (value === null || value === undefined) return '—';
  if (value < 120) return value.toFixed(0) + ' s';
  if (value < 7200) return (value / 60).toFixed(1) + ' min';
  return (value / 3600).toFixed(1) + ' h';
}

/**
 * Sent per day as bars; delivered, read and failed as lines over them. They are stages of the same
 * messages (a read message was delivered and sent), so stacking them would count each message
 * up to three times.
 */
function dailySection(dates, series) {
  const totals = Object.fromEntries(series.map(s => ['total' + s.label, s.total]));
  const summary = series.map(s => `${s.label} ${s.total}`).join(', ');
  const canvas = el('canvas', { id: 'daily-chart', role: 'img',
    'aria-label': `Messages sent per day as bars, with how many were delivered, read and failed as lines: ${summary}. The table below lists every day.` });
  const section = el('section', { id: 'overview-daily', 'aria-labelledby': 'daily-title', dataset: totals },
    el('h2', { id: 'daily-title' }, 'Messages per day'),
    el('p', { class: 'hint' }, 'Bars: messages sent. Lines: how many of them were delivered, read or failed (stages of the same messages, not added up).'),
    el('div', { class: 'chart-box' }, canvas),
    tableToggle('daily-table'),
    dataTable('daily-table', 'Messages per day by status', dates, series));
  const [sent, ...stages] = series;
  chart(canvas, {
    type: 'bar',
    data: { labels: dates, datasets: [
      { type: 'bar', label: sent.label, data: sent.values, backgroundColor: '#cbd5e1', order: 2 },
      ...stages.map(s => ({ type: 'line', label: s.label, data: s.values, borderColor: s.color, backgroundColor: s.color,
        pointRadius: 2, borderWidth: 2, tension: 0.2, order: 1 }))] },
    options: { scales: { x: { stacked: false }, y: { stacked: false, beginAtZero: true, ticks: { precision: 0 } } } },
  });
  return section;
}

function directionSection(dates, sent, inbound) {
  const outbound = { ...sent, label: 'Outbound', key: 'outbound' };
  const canvas = el('canvas', { id: 'direction-chart', role: 'img',
    'aria-label': `Inbound ${inbound.total} and outbound ${outbound.total} messages in the range.` });
  const section = el('section', { id: 'overview-direction', 'aria-labelledby': 'direction-title',
    dataset: { totalInbound: inbound.total, totalOutbound: outbound.total } },
    el('h2', { id: 'direction-title' }, 'Inbound vs outbound'),
    el('p', { class: 'hint' }, 'Outbound counts messages that reached “sent”.'),
    el('div', { class: 'chart-box small' }, canvas),
    tableToggle('direction-table'),
    dataTable('direction-table', 'Inbound and outbound messages per day', dates, [inbound, outbound]));
  chart(canvas, {
    type: 'bar',
    data: { labels: dates, datasets: [
      { label: 'Inbound', data: inbound.values, backgroundColor: inbound.color },
      { label: 'Outbound', data: outbound.values, backgroundColor: '#1a56db' }] },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  return section;
}

function failureSection(codes) {
  const max = Math.max(1, ...codes.map(c => c.count));
  return el('section', { id: 'overview-failures', 'aria-labelledby': 'failures-title' },
    el('h2', { id: 'failures-title' }, 'Failure codes (top 10)'),
    codes.length === 0 ? el('p', {}, 'No failures in this range.') :
      el('div', { class: 'table-wrap' }, el('table', { id: 'failure-table' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Error code'), el('th', { scope: 'col', class: 'num' }, 'Messages'), el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Share')))),
        el('tbody', {}, codes.map(c => el('tr', { dataset: { code: c.error_code, count: c.count } },
          el('td', { class: 'mono' }, c.error_code),
          el('td', { class: 'num' }, formatNumber(c.count)),
          el('td', { 'aria-hidden': 'true' }, el('div', { style: `background:#b42318;height:.6rem;border-radius:3px;width:${Math.round(100 * c.count / max)}%` }))))))));
}

function tableToggle(tableId) {
  const button = el('button', { type: 'button', class: 'link', 'aria-controls': tableId, 'aria-expanded': 'false' }, 'Show as a table');
  button.addEventListener('click', () => {
    const table = document.getElementById(tableId);
    const hidden = table.classList.toggle('visually-hidden');
    button.setAttribute('aria-expanded', String(!hidden));
    button.textContent = hidden ? 'Show as a table' : 'Hide the table';
  });
  return el('p', {}, button);
}

/** The chart's numbers as a table (visually hidden until asked for; always there for screen readers and tests). */
function dataTable(id, caption, dates, series) {
  return el('div', { class: 'table-wrap visually-hidden', id },
    el('table', {},
      el('caption', {}, caption),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Day'), series.map(s => el('th', { scope: 'col', class: 'num' }, s.label)))),
      el('tbody', {}, dates.map((date, i) => el('tr', { dataset: { day: date } },
        el('th', { scope: 'row' }, date),
        series.map(s => el('td', { class: 'num', dataset: { metric: s.key, value: s.values[i] } }, String(s.values[i])))))),
      el('tfoot', {}, el('tr', {}, el('th', { scope: 'row' }, 'Total'),
        series.map(s => el('td', { class: 'num', dataset: { metric: s.key, total: s.total } }, String(s.total)))))));
}

/** Chart.js, loaded by an async script tag in index.html: resolves when it has run (or failed to load). */
function chartLibrary() {
  const tag = document.getElementById('chart-js');
  if (window.Chart || !tag) return Promise.resolve();
  return new Promise(resolve => {
    tag.addEventListener('load', resolve, { once: true });
    tag.addEventListener('error', resolve, { once: true });
    setTimeout(resolve, 3000); // it failed before we listened: draw the tables without charts
  });
}

/** Charts are drawn once their canvas is in the page, so they get its size. */
function chart(canvas, config) {
  pendingCharts.push([canvas, config]);
}

function createChart(canvas, config) {
  if (!window.Chart) {
    canvas.replaceWith(el('p', { class: 'hint' }, 'Charts are unavailable (Chart.js did not load); the table has the numbers.'));
    return;
  }
  const options = config.options || {};
  options.animation = false;
  options.responsive = true;
  options.maintainAspectRatio = false;
  options.plugins = { legend: { position: 'bottom' }, ...(options.plugins || {}) };
  charts.push(new window.Chart(canvas, { ...config, options }));
}
