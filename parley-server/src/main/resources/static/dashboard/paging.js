// Lists read page by page with a cursor (conversations, audit, search), and the filter forms above them.
import { clear, problem } from './elements.js';

/**
 * Returns load(append): append=false starts over, true fetches the next page. A new start makes
 * the answers of earlier ones stale (they are dropped, never mixed in). fetchPage(cursor) answers
 * {items, next}; render(item) makes the list entry; describe(count, more) the status line.
 */
export function cursorPages({ list, more, status, fetchPage, render, describe }) {
  let cursor = null;
  let count = 0;
  let generation = 0;
  const load = async append => {
    const mine = append ? generation : ++generation;
    if (!append) { clear(list); cursor = null; count = 0; }
    more.disabled = true;
    try {
      const page = await fetchPage(cursor);
      if (mine !== generation) return;
      for (const item of page.items) list.append(render(item));
      count += page.items.length;
      cursor = page.next || null;
      more.hidden = !cursor;
      status.textContent = describe(count, Boolean(cursor));
    } catch (e) {
      clear(status).append(problem(e));
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', () => load(true));
  return load;
}

/** Submitting the form copies its inputs into filters and reloads; resetting clears them and reloads. */
export function filterForm(form, inputs, filters, load) {
  form.addEventListener('submit', event => {
    event.preventDefault();
    for (const [name, input] of Object.entries(inputs)) filters[name] = input.value.trim();
    load(false);
  });
  form.addEventListener('reset', () => {
    for (const name of Object.keys(filters)) filters[name] = '';
    setTimeout(() => load(false));
  });
}

/** "3 things shown, more available", or what to say when nothing matched. */
export function shown(count, more, one, many, none) {
  if (count === 0) return none;
  return `${count} ${count === 1 ? one : many} shown${more ? ', more available' : ''}.`;
}

/** A date input's day as an instant: the start of that day in the browser's zone (plus `days`). */
export function startOfDay(value, days = 0) {
  if (!value) return '';
  const day = new Date(value + 'T00:00:00');
  day.setDate(day.getDate() + days);
  return day.toISOString();
}
