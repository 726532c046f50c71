// Search: the tenant's messages (AND, OR, "phrases", -excluded, prefix*), matches highlighted.
import { el, field, highlighted, textDirection } from '../elements.js';
import { get } from '../api.js';
import { cursorPages, shown } from '../paging.js';

let lastQuery = '';

export async function render(main) {
  const input = el('input', { id: 'search-q', name: 'q', type: 'search', value: lastQuery, required: true,
    autocomplete: 'off', spellcheck: 'false', dir: 'auto' });
  const form = el('form', { class: 'filters', role: 'search', 'aria-label': 'Search messages' },
    wide(field('Search messages', input, 'Words are AND-ed; OR, "exact phrase", -excluded and prefix* work; Arabic too.')),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Search')));
  const status = el('p', { id: 'search-status', class: 'hint', 'aria-live': 'polite' });
  const results = el('ol', { id: 'search-results', class: 'results' });
  const more = el('button', { type: 'button', id: 'search-more', class: 'secondary', hidden: true }, 'More results');
  main.append(el('h1', {}, 'Search'), form, status, results, el('div', { class: 'toolbar' }, more));

  const load = cursorPages({
    list: results, more, status,
    fetchPage: async cursor => {
      const page = await get('/api/v1/messages/search', { q: lastQuery, limit: 20, cursor });
      return { items: page.messages, next: page.has_more ? page.next_cursor : null };
    },
    render: hit,
    describe: (count, more) => shown(count, more, 'message', 'messages', `No messages match “${lastQuery}”.`),
  });
  form.addEventListener('submit', event => {
    event.preventDefault();
    lastQuery = input.value.trim();
    if (lastQuery) load(false);
  });
  if (lastQuery) await load(false);
  input.focus();
}

function wide(node) {
  node.classList.add('wide');
  return node;
}

function hit(m) {
  const text = m.snippet ?? m.content ?? '';
  return el('li', { dataset: { messageId: m.message_id, conversationId: m.conversation_id } },
    el('p', { class: 'snippet', dir: textDirection(m.content ?? text, m.language), lang: m.language || undefined }, highlighted(text)),
    el('p', { class: 'meta' },
      el('a', { href: '#/conversations/' + encodeURIComponent(m.conversation_id) }, m.conversation_id),
      ` · ${m.direction ?? ''} · ${m.sender_id ?? ''} · `,
      el('time', { datetime: m.created_at }, m.created_at_formatted ?? '')));
}
