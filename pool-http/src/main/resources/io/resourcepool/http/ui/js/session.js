// The session: the bearer token from POST /v1/auth/login, kept in this module's memory only (never in
// localStorage, sessionStorage or a cookie; see docs/DECISIONS.md), so it is gone when the tab closes or reloads.
const ROLES = ['viewer', 'compute-user', 'admin'];
const endListeners = [];
let current = null;
let expiryTimer = null;

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
    passwordChangeRequired: Boolean(answer.passwordChangeRequired),
  };
  clearTimeout(expiryTimer);
  const left = Date.parse(answer.expiresAt) - Date.now();
  expiryTimer = setTimeout(() => end('Your session expired; log in again.'), Math.max(left, 0));
}

/** Forgets the token and tells the page, which shows the login form with the reason. */
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
