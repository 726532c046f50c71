// Conversations: a filterable list with cursor paging, and one conversation rendered as a chat
// thread (inbound left, outbound right, right-to-left where the text is, status ticks, timelines).
import { el, clear, field, select, problem, textDirection, announce } from '../elements.js';
import { get } from '../api.js';
import { cursorPages, filterForm, shown, startOfDay } from '../paging.js';

const filters = { status: '', channel: '', agent_id: '', contact_id: '', started_from: '', started_to: '' };

export async function render(main, { id }) {
  if (id) return renderThread(main, id);
  return renderList(main);
}

// ---------------------------------------------------------------- the list

async function renderList(main) {
  const inputs = {
    status: select('filter-status', 'status', [['', 'Any'], 'active', 'ended', 'archived'], filters.status),
    channel: select('filter-channel', 'channel', [['', 'Any'], 'whatsapp', 'chat', 'sms', 'email', 'voice', 'video'], filters.channel),
    agent_id: el('input', { id: 'filter-agent', name: 'agent_id', type: 'text', value: filters.agent_id, autocomplete: 'off' }),
    contact_id: el('input', { id: 'filter-contact', name: 'contact_id', type: 'text', value: filters.contact_id, autocomplete: 'off' }),
    started_from: el('input', { id: 'filter-from', name: 'started_from', type: 'date', value: filters.started_from }),
    started_to: el('input', { id: 'filter-to', name: 'started_to', type: 'date', value: filters.started_to }),
  };
  const form = el('form', { class: 'filters', 'aria-label': 'Filter conversations' },
    field('Status', inputs.status), field('Channel', inputs.channel), field('Agent', inputs.agent_id),
    field('Contact', inputs.contact_id), field('Started from', inputs.started_from), field('Started until', inputs.started_to),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Filter'),
      el('button', { type: 'reset', class: 'secondary' }, 'Clear')));
  const rows = el('tbody', { id: 'conversation-rows' });
  const table = el('div', { class: 'table-wrap' }, el('table', { id: 'conversation-table' },
    el('caption', { class: 'visually-hidden' }, 'Conversations, newest first'),
    el('thead', {}, el('tr', {}, ['Conversation', 'Channel', 'Status', 'Agent', 'Contact', 'Started'].map(h => el('th', { scope: 'col' }, h)))),
    rows));
  const status = el('p', { id: 'conversation-status', 'aria-live': 'polite', class: 'hint' });
  const more = el('button', { type: 'button', id: 'conversations-more', class: 'secondary', hidden: true }, 'More conversations');
  main.append(el('h1', {}, 'Conversations'), form, status, table, el('div', { class: 'toolbar' }, more));

  const load = cursorPages({
    list: rows, more, status,
    fetchPage: async cursor => {
      const page = await get('/api/v1/conversations', {
        status: filters.status, channel: filters.channel, agent_id: filters.agent_id, contact_id: filters.contact_id,
        started_from: startOfDay(filters.started_from), started_to: startOfDay(filters.started_to, 1), limit: 25, cursor,
      });
      return { items: page.conversations, next: page.next_cursor };
    },
    render: conversationRow,
    describe: (count, more) => shown(count, more, 'conversation', 'conversations', 'No conversations match.'),
  });
  filterForm(form, inputs, filters, load);
  await load(false);
}

function conversationRow(c) {
  return el('tr', { dataset: { conversationId: c.conversation_id } },
    el('td', {}, el('a', { href: '#/conversations/' + encodeURIComponent(c.conversation_id) }, c.conversation_id)),
    el('td', {}, c.channel ?? ''),
    el('td', {}, el('span', { class: 'badge ' + (c.status ?? '') }, c.status ?? '')),
    el('td', {}, c.agent_id ?? ''),
    el('td', {}, c.contact_id ?? ''),
    el('td', {}, el('time', { datetime: c.started_at }, c.started_at_formatted ?? c.started_at ?? '')));
}

// ---------------------------------------------------------------- one conversation

const MEDIA_TYPES = { // symbols every common font has (DejaVu included); the word is what is read out
  image: ['▣', 'Image'], video: ['▶', 'Video'], audio: ['♪', 'Audio'], document: ['▤', 'Document'], file: ['▤', 'File'],
  sticker: ['☺', 'Sticker'], location: ['⌖', 'Location'], contacts: ['☎', 'Contact card'], template: ['▦', 'Template'],
  interactive: ['☰', 'Interactive'], button: ['☰', 'Button reply'], order: ['▦', 'Order'], unknown: ['?', 'Unsupported message'],
};

const TICKS = {
  sent: ['✓', 'sent'], delivered: ['✓✓', 'delivered'], read: ['✓✓', 'read'], played: ['✓✓', 'played'],
  failed: ['✕', 'failed'], deleted: ['⊘', 'deleted'], pending: ['◷', 'pending'], queued: ['◷', 'queued'],
};

async function renderThread(main, conversationId) {
  const heading = el('h1', {}, 'Conversation ', el('span', { class: 'mono' }, conversationId));
  const details = el('p', { id: 'conversation-details', class: 'hint' });
  const thread = el('div', { id: 'thread', class: 'thread', role: 'log', 'aria-label': 'Messages, oldest first' });
  const older = el('button', { type: 'button', id: 'thread-older', class: 'secondary', hidden: true }, 'Older messages');
  const dialog = timelineDialog();
  main.append(el('p', {}, el('a', { href: '#/conversations' }, '← All conversations')), heading, details,
    el('div', { class: 'toolbar' }, older), thread, dialog);

  const known = new Map();
  let before = null;
  const loadPage = async () => {
    older.disabled = true;
    try {
      const page = await get(`/api/v1/conversations/${encodeURIComponent(conversationId)}/messages`, { limit: 50, before });
      const messages = page.messages.slice().reverse(); // newest first from the API; a chat reads oldest first
      messages.forEach(m => known.set(m.message_id, m));
      const reactions = reactionsByTarget(known);
      const nodes = messages.filter(m => !isReaction(m)).map(m => bubble(m, known, reactions, dialog));
      thread.prepend(...nodes);
      before = page.has_more ? page.next_cursor : null;
      older.hidden = !before;
      if (thread.childElementCount === 0) thread.append(el('p', {}, 'No messages in this conversation.'));
      thread.dataset.loaded = String(known.size);
    } catch (e) {
      thread.append(problem(e));
    } finally {
      older.disabled = false;
    }
  };
  get(`/api/v1/conversations/${encodeURIComponent(conversationId)}`).then(c => {
    details.textContent = [c.channel, c.status, c.agent_id && 'agent ' + c.agent_id, c.contact_id && 'contact ' + c.contact_id,
      c.started_at_formatted && 'started ' + c.started_at_formatted].filter(Boolean).join(' · ');
  }, e => details.append(problem(e)));
  older.addEventListener('click', loadPage);
  await loadPage();
}

function isReaction(m) {
  return m.message_type === 'reaction' && m.metadata && m.metadata.reacted_to;
}

/** Reactions: metadata.reactions on the message itself, plus reaction messages pointing at it. */
function reactionsByTarget(known) {
  const byTarget = new Map();
  for (const m of known.values()) {
    if (isReaction(m) && !m.metadata.reaction_removed && m.content) {
      const list = byTarget.get(m.metadata.reacted_to) || [];
      list.push({ emoji: m.content, user_id: m.sender_id });
      byTarget.set(m.metadata.reacted_to, list);
    }
  }
  return byTarget;
}

function bubble(m, known, reactionMessages, dialog) {
  const direction = m.direction === 'inbound' ? 'inbound' : 'outbound';
  const node = el('article', {
    class: 'bubble ' + direction, id: 'message-' + m.message_id,
    'aria-label': `${direction === 'inbound' ? 'From' : 'To'} ${direction === 'inbound' ? (m.sender_id ?? 'contact') : (m.receiver_id ?? 'contact')}`,
    dataset: { messageId: m.message_id, direction, status: m.status ?? '' },
  });
  const replyTo = m.reply_to || m.metadata?.context?.id;
  if (replyTo) {
    const quoted = known.get(replyTo);
    const text = quoted ? (quoted.content || mediaLabel(quoted)) : 'an earlier message';
    node.append(el('div', { class: 'quoted', dataset: { replyTo } },
      el('span', { class: 'visually-hidden' }, 'In reply to: '),
      el('span', { dir: textDirection(text, quoted?.language) }, text)));
  }
  const media = MEDIA_TYPES[m.message_type];
  if (media && m.message_type !== 'text') {
    const name = m.metadata?.filename || m.metadata?.mime_type || '';
    node.append(el('div', { class: 'media', dataset: { mediaType: m.message_type } },
      el('span', { 'aria-hidden': 'true' }, media[0]), el('span', {}, media[1] + (name ? ': ' + name : ''))));
  }
  if (m.content) {
    const lang = m.language || undefined;
    node.append(el('p', { class: 'text', dir: textDirection(m.content, m.language), lang }, m.content));
  }
  const reactions = [...(Array.isArray(m.metadata?.reactions) ? m.metadata.reactions : []), ...(reactionMessages.get(m.message_id) || [])];
  if (reactions.length) {
    node.append(el('div', { class: 'reactions', 'aria-label': 'Reactions' },
      reactions.map(r => el('span', { title: r.user_id ? 'from ' + r.user_id : undefined }, r.emoji))));
  }
  const footer = el('div', { class: 'footer' }, el('time', { datetime: m.created_at }, m.created_at_formatted ?? ''));
  if (direction === 'outbound' || m.status) footer.append(ticks(m, dialog));
  node.append(footer);
  return node;
}

function mediaLabel(m) {
  return (MEDIA_TYPES[m.message_type] || ['', m.message_type])[1];
}

function ticks(m, dialog) {
  const status = m.status || 'pending';
  const [mark, word] = TICKS[status] || ['•', status];
  const button = el('button', { type: 'button', class: 'ticks ' + status, 'aria-haspopup': 'dialog',
    'aria-label': `Status ${word}: show the status timeline`, title: word, dataset: { status } },
    el('span', { 'aria-hidden': 'true' }, mark));
  button.addEventListener('click', () => dialog.showFor(m.message_id, button));
  return button;
}

function timelineDialog() {
  const title = el('h2', { id: 'timeline-title' }, 'Status timeline');
  const body = el('div', { id: 'timeline-body' });
  const close = el('button', { type: 'button', id: 'timeline-close' }, 'Close');
  const dialog = el('dialog', { id: 'timeline-dialog', 'aria-labelledby': 'timeline-title' }, title, body, close);
  let opener = null;
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => opener?.focus());
  dialog.showFor = async (messageId, from) => {
    opener = from;
    clear(body).append(el('p', { class: 'hint' }, 'Loading…'));
    if (!dialog.open) dialog.showModal();
    close.focus();
    try {
      const m = await get('/api/v1/messages/' + encodeURIComponent(messageId));
      clear(body).append(
        el('p', { class: 'mono' }, m.message_id),
        el('p', {}, 'Latest: ', el('strong', {}, m.status ?? '—'), m.latest_timestamp_formatted ? ' at ' + m.latest_timestamp_formatted : ''),
        el('ol', { class: 'timeline', id: 'timeline-list' }, (m.status_history || []).map(h => el('li', { dataset: { status: h.status } },
          el('strong', {}, h.status), ' ', el('time', { datetime: h.timestamp }, h.timestamp_formatted ?? h.timestamp ?? ''),
          h.source ? ` (${h.source})` : '',
          h.error ? el('div', { class: 'error' }, `Error ${h.error.code ?? ''} ${h.error.title ?? h.error.message ?? ''}`) : null))));
      if (!(m.status_history || []).length) body.append(el('p', {}, 'No status events recorded.'));
      announce('Status timeline loaded');
    } catch (e) {
      clear(body).append(problem(e));
    }
  };
  return dialog;
}
