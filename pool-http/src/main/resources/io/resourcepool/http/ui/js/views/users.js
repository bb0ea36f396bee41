// Users, for admins: the list, a new user with a role, changing a role, lifting a lock, ending someone's sessions,
// removing a user, resetting a lost password.
import { describe, get, post, send } from '../api.js';
import { $, badge, el, onSubmit, say } from '../dom.js';
import { dateTime } from '../format.js';
import { fill } from '../table.js';

function action(label, work, enabled = true) {
  return el('button', { type: 'button', class: 'outline secondary small', disabled: !enabled, onclick: work }, label);
}

async function act(path, done, method = 'POST', body = undefined) {
  try {
    await send(method, path, body);
    say($('#users-error'), '');
    say($('#user-form-done'), done);
    await refresh();
  } catch (error) {
    say($('#users-error'), describe(error));
  }
}

const ROLES = ['admin', 'compute-user', 'viewer'];

function roleChoice(u) {
  const choice = el('select', { class: 'small', 'aria-label': `Role of ${u.username}` },
    ...ROLES.map((r) => el('option', { value: r, selected: r === u.role }, r)));
  choice.addEventListener('change', () => act(`/v1/users/${encodeURIComponent(u.username)}/role`,
    `${u.username} is ${choice.value} from their next request on.`, 'POST', { role: choice.value }));
  return choice;
}

const COLUMNS = [
  { label: 'User', value: (u) => el('strong', {}, u.username) },
  { label: 'Role', value: (u) => el('span', { class: 'chip' }, u.role) },
  { label: 'Status', value: (u) => (u.locked ? badge('locked') : badge('active')) },
  { label: 'Created', value: (u) => dateTime(u.createdAt), title: (u) => u.createdAt },
  {
    label: 'Actions',
    class: 'actions',
    value: (u) => [
      action('Unlock', () => act(`/v1/users/${encodeURIComponent(u.username)}/unlock`, `${u.username} is unlocked.`), u.locked),
      action('End sessions', () => act(`/v1/users/${encodeURIComponent(u.username)}/revoke-sessions`, `Every session of ${u.username} has ended.`)),
      roleChoice(u),
      action('Remove', () => confirm(`Remove ${u.username}? Their sessions end now; their jobs keep their history.`)
        && act(`/v1/users/${encodeURIComponent(u.username)}`, `${u.username} is removed.`, 'DELETE')),
    ],
  },
];

async function refresh() {
  const { users } = await get('/v1/users');
  fill($('#users-table'), users, COLUMNS, { empty: 'No users.', id: (u) => u.username });
}

async function add() {
  say($('#user-form-error'), '');
  say($('#user-form-done'), '');
  const username = $('#user-name').value.trim();
  try {
    await post('/v1/users', { username, role: $('#user-role').value, password: $('#user-password').value });
    $('#user-form').reset();
    say($('#user-form-done'), `${username} can log in now.`);
    await refresh();
  } catch (error) {
    say($('#user-form-error'), describe(error));
  } finally {
    $('#user-password').value = '';
  }
}

async function resetPassword() {
  say($('#reset-form-error'), '');
  say($('#reset-form-done'), '');
  const username = $('#reset-name').value.trim();
  try {
    await post(`/v1/users/${encodeURIComponent(username)}/reset-password`, { password: $('#reset-password').value });
    $('#reset-form').reset();
    say($('#reset-form-done'), `${username}'s sessions have ended; they log in with the temporary password and must choose a new one.`);
  } catch (error) {
    say($('#reset-form-error'), describe(error));
  } finally {
    $('#reset-password').value = '';
  }
}

export default {
  needs: 'admin',
  interval: 5000,
  setUp() {
    onSubmit($('#user-form'), add);
    onSubmit($('#reset-form'), resetPassword);
  },
  refresh,
  reset() {
    $('#user-form').reset();
    $('#reset-form').reset();
    ['#user-form-error', '#user-form-done', '#users-error', '#reset-form-error', '#reset-form-done'].forEach((id) => say($(id), ''));
  },
};
