// The dashboard's entry point: the login form until there is a session, then one view at a time, chosen by the
// address's #/fragment (so views change without reloading), each refreshed on its own interval while shown.
import { post } from './api.js';
import { $ } from './dom.js';
import * as live from './live.js';
import { every } from './poller.js';
import * as session from './session.js';
import account from './views/account.js';
import audit from './views/audit.js';
import jobs from './views/jobs.js';
import * as login from './views/login.js';
import overview from './views/overview.js';
import nodes from './views/node-admin.js';
import run from './views/run.js';
import tokens from './views/tokens.js';
import users from './views/users.js';

const VIEWS = { overview, run, jobs, users, nodes, tokens, audit, account };
let active = null;

function leave() {
  if (active === null) {
    return;
  }
  active.stop();
  const view = VIEWS[active.name];
  if (view.leave) {
    view.leave();
  }
  active = null;
}

function route() {
  if (!session.token()) {
    return;
  }
  const wanted = location.hash.replace(/^#\/?/, '');
  // After an admin's reset the hub refuses everything but a password change: only the account page can help.
  const fallback = session.user().passwordChangeRequired ? 'account' : 'overview';
  const allowed = VIEWS[wanted] && session.allows(VIEWS[wanted].needs) && !(session.user().passwordChangeRequired && wanted !== 'account');
  const name = allowed ? wanted : fallback;
  if (name !== wanted) {
    history.replaceState(null, '', `#/${name}`);
  }
  if (active !== null && active.name === name) {
    return;
  }
  leave();
  document.querySelectorAll('[data-view]').forEach((section) => { section.hidden = section.dataset.view !== name; });
  document.querySelectorAll('[data-view-link]').forEach((link) => link.classList.toggle('active', link.dataset.viewLink === name));
  const view = VIEWS[name];
  if (view.enter) {
    view.enter();
  }
  active = { name, stop: every(view.interval, async () => { await view.refresh(); live.reached(); }, live.failed) };
}

function showApp() {
  const me = session.user();
  login.hide();
  $('#who-name').textContent = me.username;
  $('#who-role').textContent = me.role;
  document.querySelectorAll('[data-needs]').forEach((node) => { node.hidden = !session.allows(node.dataset.needs); });
  $('#app').hidden = false;
  route();
}

function ended(reason) {
  leave();
  Object.values(VIEWS).forEach((view) => view.reset && view.reset());
  live.reset();
  $('#app').hidden = true;
  login.show(reason);
}

async function logOut() {
  try {
    await post('/v1/auth/logout');
  } catch {
    // the session is forgotten here whether or not the hub could be told
  }
  session.end('');
}

Object.values(VIEWS).forEach((view) => view.setUp && view.setUp());
login.setUp(showApp);
session.onEnd(ended);
$('#logout').addEventListener('click', logOut);
window.addEventListener('hashchange', route);
document.addEventListener('password-changed', route);
login.show('');
