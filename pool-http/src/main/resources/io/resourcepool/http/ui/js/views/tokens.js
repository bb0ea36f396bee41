// Join tokens, for admins: make one (shown once, here, with the CA fingerprint workers pin), list them, withdraw an
// unused one.
import { describe, get, post } from '../api.js';
import { $, badge, el, onSubmit, say } from '../dom.js';
import { dateTime, shortId } from '../format.js';
import { fill } from '../table.js';

function status(t) {
  if (t.revoked) {
    return badge('revoked');
  }
  if (t.usedAt) {
    return el('span', {}, badge('used'), ` by ${t.usedBy || '?'}`);
  }
  return badge(Date.parse(t.expiresAt) < Date.now() ? 'expired' : 'usable');
}

async function revoke(t) {
  try {
    await post(`/v1/join-tokens/${encodeURIComponent(t.id)}/revoke`);
    say($('#tokens-error'), '');
    await refresh();
  } catch (error) {
    say($('#tokens-error'), describe(error));
  }
}

const COLUMNS = [
  { label: 'Id', value: (t) => el('code', {}, shortId(t.id)), title: (t) => t.id },
  { label: 'Created by', value: (t) => t.createdBy },
  { label: 'Created', value: (t) => dateTime(t.createdAt), title: (t) => t.createdAt },
  { label: 'Expires', value: (t) => dateTime(t.expiresAt), title: (t) => t.expiresAt },
  { label: 'Status', value: status },
  {
    label: 'Actions',
    class: 'actions',
    value: (t) => el('button', {
      type: 'button', class: 'outline secondary small', disabled: t.revoked || Boolean(t.usedAt), onclick: () => revoke(t),
    }, 'Revoke'),
  },
];

async function refresh() {
  const { joinTokens } = await get('/v1/join-tokens');
  const newest = [...joinTokens].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  fill($('#tokens-table'), newest, COLUMNS, { empty: 'No join tokens yet.', id: (t) => t.id });
}

function hideToken() {
  $('#token-new').hidden = true;
  $('#token-new-value').textContent = '';
}

async function create() {
  say($('#token-error'), '');
  try {
    const made = await post('/v1/join-tokens', { ttlSeconds: Number($('#token-ttl').value) });
    $('#token-new-value').textContent = made.token;
    $('#token-new-ca').textContent = made.caFingerprint;
    $('#token-new-expiry').textContent = dateTime(made.expiresAt);
    $('#token-copy').textContent = 'Copy';
    $('#token-new').hidden = false;
    await refresh();
  } catch (error) {
    say($('#token-error'), describe(error));
  }
}

export default {
  needs: 'admin',
  interval: 5000,
  setUp() {
    onSubmit($('#token-form'), create);
    $('#token-hide').addEventListener('click', hideToken);
    $('#token-copy').addEventListener('click', async () => {
      await navigator.clipboard.writeText($('#token-new-value').textContent);
      $('#token-copy').textContent = 'Copied';
    });
  },
  refresh,
  leave: hideToken,
  reset: hideToken,
};
