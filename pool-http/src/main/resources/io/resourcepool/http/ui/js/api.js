// Calls to the hub's /v1 API: JSON in and out, the bearer token in the Authorization header, no cookies.
// A refusal arrives as an RFC 9457 problem document and is thrown as an ApiError carrying its words. A 401 in a
// session renews it with its refresh token and sends the request once more, so an expired bearer token never
// shows; only when the renewal fails does the login form come back.
import * as session from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `the hub answered ${status}`);
    this.status = status;
    this.problem = problem;
    this.kind = String(problem.type || '').split(':').pop();
  }
}

function headers(body, token) {
  const h = { Accept: 'application/json' };
  if (token) {
    h.Authorization = `Bearer ${token}`;
  }
  if (body !== undefined) {
    h['Content-Type'] = 'application/json';
  }
  return h;
}

async function failure(response) {
  let problem = {};
  try {
    problem = await response.json();
  } catch {
    problem = { title: response.statusText };
  }
  return new ApiError(response.status, problem);
}

/** Sends a request and gives the answer's response, refused answers thrown as ApiError. */
export async function send(method, path, body, signal) {
  let token = session.token();
  let response = await attempt(method, path, body, signal, token);
  if (response.status === 401 && token && await session.renew(token)) {
    token = session.token();
    response = await attempt(method, path, body, signal, token);
  }
  if (!response.ok) {
    const error = await failure(response);
    if (response.status === 401 && token && session.token() === token) {
      session.end(`Your session has ended (${error.message}); log in again.`);
    }
    throw error;
  }
  return response;
}

function attempt(method, path, body, signal, token) {
  return fetch(path, {
    method, headers: headers(body, token), body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit', cache: 'no-store', signal,
  });
}

export async function get(path) {
  return (await send('GET', path)).json();
}

export async function post(path, body) {
  const response = await send('POST', path, body);
  return response.status === 204 ? null : response.json();
}

/** A path with the query parameters that have a value. */
export function withQuery(path, parameters) {
  const query = new URLSearchParams(Object.entries(parameters).filter(([, value]) => value !== '' && value !== null && value !== undefined));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** What to tell the person about a failure: the problem's title and the hub's words, or that it cannot be reached. */
export function describe(error) {
  if (!(error instanceof ApiError)) {
    return `The hub cannot be reached (${error.message}).`;
  }
  const detail = error.message.replace(/\.$/, '');
  const retry = error.problem.retryAfterSeconds ? ` Try again in ${error.problem.retryAfterSeconds} s.` : '';
  return error.problem.title && error.problem.title !== detail ? `${error.problem.title}: ${detail}.${retry}` : `${detail}.${retry}`;
}
