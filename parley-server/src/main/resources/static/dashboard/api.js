// Calls Parley's REST API with the signed-in bearer token; errors carry the problem+json detail.
import { currentSession, endSession } from './session.js';

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

export async function request(path, { method = 'GET', body, headers = {}, token } = {}) {
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
    const error = new ApiError(response.status, detail, parsed);
    if (response.status === 401 && !token && currentSession()) {
      endSession('Your session ended: ' + detail);
    }
    throw error;
  }
  return parsed;
}

export const get = (path, params = {}) => request(path + query(params));

export function postJson(path, payload, options = {}) {
  return request(path, { ...options, method: 'POST', body: JSON.stringify(payload), headers: { 'Content-Type': 'application/json' } });
}
