// Nodes, for admins: each node as the overview shows it, with drain, undrain and remove.
import { describe, get, send } from '../api.js';
import { $, el, say } from '../dom.js';
import { NODE_COLUMNS, sortedNodes } from './nodes.js';
import { fill } from '../table.js';

function button(label, work, classes = 'outline secondary small') {
  return el('button', { type: 'button', class: classes, onclick: work }, label);
}

async function act(method, path, done) {
  try {
    await send(method, path);
    say($('#node-admin-error'), '');
    say($('#node-admin-done'), done);
    await refresh();
  } catch (error) {
    say($('#node-admin-done'), '');
    say($('#node-admin-error'), describe(error));
  }
}

function actions(n) {
  const path = `/v1/nodes/${encodeURIComponent(n.id)}`;
  return [
    n.drained
      ? button('Undrain', () => act('POST', `${path}/undrain`, `${n.hostname} takes new work again.`))
      : button('Drain', () => act('POST', `${path}/drain`, `${n.hostname} is drained: it finishes what it has and takes nothing new.`)),
    button('Remove', () => confirm(`Remove ${n.hostname} (${n.id})? Its certificate is revoked; it must enroll again with a new join token.`)
      && act('DELETE', path, `${n.hostname} is removed.`)),
  ];
}

const COLUMNS = [...NODE_COLUMNS, { label: 'Actions', class: 'actions', value: actions }];

async function refresh() {
  const { nodes } = await get('/v1/nodes');
  fill($('#node-admin-table'), sortedNodes(nodes), COLUMNS, { empty: 'No node has joined yet: create a join token and start a worker.', id: (n) => n.id });
}

export default {
  needs: 'admin',
  interval: 5000,
  refresh,
  reset() {
    say($('#node-admin-error'), '');
    say($('#node-admin-done'), '');
  },
};
