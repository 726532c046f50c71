// Sign-in methods. Each turns what the user typed into a bearer token used the same way by every
// call; add a method by adding an entry to SIGN_IN_METHODS.
import { el, field, problem, clear } from './elements.js';
import { request, postJson } from './api.js';
import { startSession } from './session.js';

/** A tenant API key is itself the bearer token; one cheap call checks it before it is kept. */
const apiKey = {
  id: 'api-key',
  title: 'Sign in with an API key',
  fields: [
    { name: 'api_key', label: 'Tenant API key', type: 'password', autocomplete: 'off',
      hint: 'From ./parley tenants create <slug> (shown once).' },
  ],
  async tokenFrom(values) {
    const token = values.api_key.trim();
    // a cheap call that checks the key and names its tenant
    const retention = await request('/api/v1/retention', { token });
    return { token, method: 'api-key', label: 'API key', tenant: retention.organization_id, user: null, role: 'admin' };
  },
};

/** A user login: POST /api/v1/auth/login → {access_token, refresh_token, token_type, expires_in}. */
const userLogin = {
  id: 'user-login',
  title: 'Sign in as a user',
  fields: [
    { name: 'tenant_id', label: 'Tenant', type: 'text', autocomplete: 'organization' },
    { name: 'user_id', label: 'User', type: 'text', autocomplete: 'username' },
    { name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' },
  ],
  async tokenFrom(values) {
    const reply = await postJson('/api/v1/auth/login',
      { tenant_id: values.tenant_id.trim(), user_id: values.user_id.trim(), password: values.password }, { token: '' });
    if (!reply || !reply.access_token) throw new Error('The login reply had no access_token.');
    return {
      token: reply.access_token, refresh_token: reply.refresh_token, method: 'user-login',
      label: values.user_id.trim() + ' @ ' + values.tenant_id.trim(),
      tenant: reply.user?.tenant_id ?? values.tenant_id.trim(), user: reply.user?.user_id ?? values.user_id.trim(),
      role: reply.user?.role ?? 'viewer',
      expires_at: reply.expires_in ? Date.now() + reply.expires_in * 1000 : null,
    };
  },
};

export const SIGN_IN_METHODS = [apiKey, userLogin];

export function renderSignIn(main, reason) {
  clear(main);
  const page = el('section', { class: 'sign-in', 'aria-labelledby': 'sign-in-title' },
    el('h1', { id: 'sign-in-title' }, 'Sign in to Parley'),
    reason ? el('p', { class: 'problem', role: 'alert' }, reason) : null);
  for (const method of SIGN_IN_METHODS) page.append(methodForm(method));
  main.append(page);
  page.querySelector('input')?.focus();
}

function methodForm(method) {
  const errors = el('div', { id: method.id + '-errors', 'aria-live': 'assertive' });
  const inputs = method.fields.map(f => el('input', {
    id: method.id + '-' + f.name.replaceAll('_', '-'), name: f.name, type: f.type, required: true,
    autocomplete: f.autocomplete, spellcheck: 'false',
  }));
  const submit = el('button', { type: 'submit', id: method.id + '-submit' }, 'Sign in');
  const form = el('form', { id: method.id + '-form', 'aria-labelledby': method.id + '-title', novalidate: false },
    el('h2', { id: method.id + '-title' }, method.title),
    method.fields.map((f, i) => field(f.label, inputs[i], f.hint)),
    errors, submit);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clear(errors);
    submit.disabled = true;
    const values = Object.fromEntries(new FormData(form).entries());
    try {
      startSession(await method.tokenFrom(values));
    } catch (e) {
      errors.append(problem(e));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
