// The dashboard's shell: session, hash routes (#/overview, #/conversations/<id>, …), navigation.
import { clear, el, problem, announce } from './elements.js';
import { currentSession, endSession, onSessionChange } from './session.js';
import { renderSignIn } from './sign-in.js';
import { postJson } from './api.js';
import * as overview from './pages/overview.js';

const main = document.getElementById('main');
const nav = document.getElementById('main-nav');
const signOut = document.getElementById('sign-out');
const signedIn = document.getElementById('signed-in');

/** Tenant, user (or API key) and role of the session, in the top bar. */
function showWho(session) {
  signedIn.hidden = !session;
  if (!session) return;
  const who = session.user ? session.user : 'API key';
  signedIn.textContent = `${session.tenant ?? '?'} · ${who} · ${session.role ?? '?'}`;
  signedIn.title = `Tenant ${session.tenant ?? '?'}, signed in as ${session.user ? 'user ' + session.user : 'an API key'}, role ${session.role ?? '?'}`;
  Object.assign(signedIn.dataset, { tenant: session.tenant ?? '', user: session.user ?? '', role: session.role ?? '' });
}

/** Pages other than Overview load on first visit, so the first render fetches only what it shows. */
const PAGES = {
  overview: { title: 'Overview', load: async () => overview },
  conversations: { title: 'Conversations', load: () => import('./pages/conversations.js') },
  contacts: { title: 'Contacts', load: () => import('./pages/contacts.js') },
  search: { title: 'Search', load: () => import('./pages/search.js') },
  audit: { title: 'Audit', load: () => import('./pages/audit.js') },
  uploads: { title: 'Uploads', load: () => import('./pages/uploads.js') },
  health: { title: 'Health', load: () => import('./pages/health.js') },
};

let leavePage = null;
let routeNumber = 0;
let pendingReason = null; // why the last session ended, shown on the sign-in page

function parseRoute() {
  const [name, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const page = PAGES[name] ? name : 'overview';
  return { page, id: rest.length ? decodeURIComponent(rest.join('/')) : null };
}

async function route() {
  if (leavePage) { leavePage(); leavePage = null; }
  const session = currentSession();
  nav.hidden = !session;
  signOut.hidden = !session;
  showWho(session);
  if (!session) {
    document.title = 'Sign in · Parley';
    renderSignIn(main, pendingReason);
    pendingReason = null;
    return;
  }
  const { page, id } = parseRoute();
  const number = ++routeNumber;
  for (const link of nav.querySelectorAll('a')) {
    if (link.dataset.page === page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = PAGES[page].title + ' · Parley';
  clear(main);
  main.dataset.page = page;
  try {
    const module = await PAGES[page].load();
    if (number !== routeNumber) return;
    leavePage = (await module.render(main, { id })) || null;
    announce(PAGES[page].title + ' loaded');
  } catch (e) {
    if (number === routeNumber && currentSession()) main.append(problem(e));
  }
}

onSessionChange((session, reason) => {
  pendingReason = reason;
  if (session && !PAGES[location.hash.replace(/^#\/?/, '').split('/')[0]]) {
    location.hash = '#/overview'; // the hashchange routes
    return;
  }
  route();
  if (session) main.focus();
});

signOut.addEventListener('click', async () => {
  const session = currentSession();
  if (session?.method === 'user-login') {
    // revoke the tokens on the server too, not only forget them here
    await postJson('/api/v1/auth/logout', { refresh_token: session.refresh_token }).catch(() => null);
  }
  endSession();
});

// the skip link moves focus to the content; following its #main would change the route
document.querySelector('.skip-link').addEventListener('click', event => {
  event.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', () => {
  route();
  main.focus({ preventScroll: true });
});

route();
