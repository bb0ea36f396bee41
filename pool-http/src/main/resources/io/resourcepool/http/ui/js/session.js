// The session: the bearer token from POST /v1/auth/login and the refresh token issued with it, kept in this
// module's memory only (never in localStorage, sessionStorage or a cookie; see docs/DECISIONS.md), so they are gone
// when the tab closes or reloads. The bearer token is short-lived: a minute before it expires, or when the hub
// answers 401, the refresh token is traded for a new pair (POST /v1/auth/refresh) without asking the person.
const ROLES = ['viewer', 'compute-user', 'admin'];
/** How long before the bearer token's end it is renewed, so that no request goes out with an expired one. */
const RENEW_AHEAD_MS = 60_000;
const endListeners = [];
let current = null;
let expiryTimer = null;
let renewing = null;

export function token() {
  return current ? current.token : null;
}

export function user() {
  return current ? {
    username: current.username, role: current.role, expiresAt: current.expiresAt, passwordChangeRequired: current.passwordChangeRequired,
  } : null;
}

/** True when the session's role is the one named or a stronger one. */
export function allows(role) {
  return current !== null && ROLES.indexOf(current.role) >= ROLES.indexOf(role);
}

export function start(answer) {
  current = {
    token: answer.token, username: answer.username, role: answer.role, expiresAt: answer.expiresAt,
    refreshToken: answer.refreshToken || '',
    passwordChangeRequired: Boolean(answer.passwordChangeRequired),
  };
  clearTimeout(expiryTimer);
  const left = Date.parse(answer.expiresAt) - Date.now();
  if (current.refreshToken) {
    expiryTimer = setTimeout(() => renew(current.token), Math.max(left - Math.min(RENEW_AHEAD_MS, left / 2), 0));
  } else {
    expiryTimer = setTimeout(() => end('Your session expired; log in again.'), Math.max(left, 0));
  }
}

/**
 * Renews the session whose bearer token was `stale`, once however many callers ask at the same time: a refresh
 * token works once, and a second use of it would end the session everywhere. Resolves true when a newer bearer
 * token is there to retry with; false when the session ended (then the login form is showing).
 */
export function renew(stale) {
  if (current === null) {
    return Promise.resolve(false);
  }
  if (current.token !== stale) {
    return Promise.resolve(true);
  }
  if (renewing === null) {
    renewing = refresh(current.refreshToken).finally(() => { renewing = null; });
  }
  return renewing;
}

async function refresh(refreshToken) {
  if (!refreshToken) {
    end('Your session expired; log in again.');
    return false;
  }
  let response;
  try {
    response = await fetch('/v1/auth/refresh', {
      method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken }), credentials: 'omit', cache: 'no-store',
    });
  } catch {
    return false; // the hub cannot be reached: keep the session, the next request or timer tries again
  }
  if (!response.ok) {
    end('Your session has ended (expired, logged out or revoked); log in again.');
    return false;
  }
  const answer = await response.json();
  if (current !== null && current.refreshToken === refreshToken) {
    start(answer);
  }
  return current !== null;
}

/** Forgets the tokens and tells the page, which shows the login form with the reason. */
export function end(reason) {
  if (current === null) {
    return;
  }
  current = null;
  clearTimeout(expiryTimer);
  endListeners.forEach((listener) => listener(reason));
}

export function onEnd(listener) {
  endListeners.push(listener);
}
