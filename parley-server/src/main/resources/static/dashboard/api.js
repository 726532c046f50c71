// Calls Parley's REST API with the signed-in bearer token; errors carry the problem+json detail.
import { currentSession, endSession, renewSession } from './session.js';

export class ApiError extends Error {
  constructor(status, detail, body) {
    super(detail);
    this.status = status;
    this.body = body;
  }
}

/** Query string from an object, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && String(value).trim() !== '') search.set(name, String(value).trim());
  }
  const text = search.toString();
  return text ? '?' + text : '';
}

let refreshing = null;

/**
 * A user login's new access token from its refresh token. One refresh at a time: a refresh token
 * is good once, so calls that meet an expired token together wait for the same renewal.
 */
function renewed(session) {
  if (!refreshing) {
    refreshing = fetch('/api/v1/auth/refresh', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refresh_token: session.refresh_token }),
    }).then(async response => {
      if (!response.ok) return null;
      const reply = await response.json();
      const next = { ...session, token: reply.access_token, refresh_token: reply.refresh_token,
        expires_at: Date.now() + reply.expires_in * 1000 };
      renewSession(next);
      return next;
    }).catch(() => null).finally(() => { refreshing = null; });
  }
  return refreshing;
}

export async function request(path, options = {}) {
  const session = options.token === undefined ? currentSession() : null;
  if (session?.refresh_token && session.expires_at && session.expires_at < Date.now() + 5000) {
    await renewed(session); // about to expire: renew first rather than fail once
  }
  try {
    return await send(path, options);
  } catch (e) {
    const now = options.token === undefined ? currentSession() : null;
    if (e.status === 401 && now?.refresh_token && !options.retried && await renewed(now)) {
      return send(path, { ...options, retried: true });
    }
    if (e.status === 401 && options.token === undefined && currentSession()) {
      endSession('Your session ended: ' + e.message);
    }
    throw e;
  }
}

async function send(path, { method = 'GET', body, headers = {}, token } = {}) {
  const bearer = token ?? currentSession()?.token;
  const allHeaders = { Accept: 'application/json, application/problem+json', ...headers };
  if (bearer) allHeaders.Authorization = 'Bearer ' + bearer;
  let response;
  try {
    response = await fetch(path, { method, body, headers: allHeaders });
  } catch (e) {
    throw new ApiError(0, 'Parley did not answer: ' + e.message);
  }
  const type = response.headers.get('Content-Type') || '';
  const parsed = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  if (!response.ok) {
    const detail = parsed && typeof parsed === 'object'
      ? (parsed.detail || parsed.title || `HTTP ${response.status}`)
      : `HTTP ${response.status}`;
    throw new ApiError(response.status, detail, parsed);
  }
  return parsed;
}

export const get = (path, params = {}) => request(path + query(params));

export function postJson(path, payload, options = {}) {
  return request(path, { ...options, method: 'POST', body: JSON.stringify(payload), headers: { 'Content-Type': 'application/json' } });
}
