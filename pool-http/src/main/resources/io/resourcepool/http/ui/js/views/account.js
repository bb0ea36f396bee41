// My account, for everyone: change one's password, and set up, replace or remove one's second factor. Each needs the
// current password (the hub checks it and counts a wrong one as a failed login). A new key's QR code, key and
// recovery codes are shown once and gone from the page when hidden or when you leave the view.
import { describe, post } from '../api.js';
import { $, el, onSubmit, say } from '../dom.js';
import { clearQr, drawQr } from '../qr.js';
import * as session from '../session.js';

function clearMessages() {
  ['#password-error', '#password-done', '#mfa-error', '#mfa-done'].forEach((id) => say($(id), ''));
}

async function changePassword() {
  clearMessages();
  const current = $('#password-current').value;
  const wanted = $('#password-new').value;
  const again = $('#password-again').value;
  $('#password-form').reset();
  if (wanted !== again) {
    say($('#password-error'), 'The two new passwords differ; nothing was changed.');
    return;
  }
  try {
    session.start(await post('/v1/auth/password', { currentPassword: current, newPassword: wanted }));
    $('#account-must-change').hidden = true;
    document.dispatchEvent(new Event('password-changed'));
    say($('#password-done'), 'Your password is changed; your other sessions have ended.');
  } catch (error) {
    say($('#password-error'), describe(error));
  }
}

async function setUp() {
  clearMessages();
  const current = $('#mfa-current').value;
  $('#mfa-current').value = '';
  try {
    const made = await post('/v1/auth/mfa', { currentPassword: current });
    drawQr($('#mfa-qr'), made.qr);
    $('#mfa-secret').textContent = made.secret.replace(/(.{4})(?=.)/g, '$1 ');
    $('#mfa-codes').replaceChildren(...made.recoveryCodes.map((code) => el('li', {}, code)));
    $('#mfa-new').hidden = false;
    say($('#mfa-done'), 'Your second factor is set up: from your next login on, the hub asks for a code.');
  } catch (error) {
    say($('#mfa-error'), describe(error));
  }
}

async function remove() {
  clearMessages();
  const current = $('#mfa-current').value;
  if (!current) {
    say($('#mfa-error'), 'Give your current password first.');
    return;
  }
  $('#mfa-current').value = '';
  try {
    await post('/v1/auth/mfa/remove', { currentPassword: current });
    hideSecrets();
    say($('#mfa-done'), 'Your second factor is removed: you log in with your password alone.');
  } catch (error) {
    say($('#mfa-error'), describe(error));
  }
}

function hideSecrets() {
  $('#mfa-new').hidden = true;
  clearQr($('#mfa-qr'));
  $('#mfa-secret').textContent = '';
  $('#mfa-codes').replaceChildren();
}

function reset() {
  hideSecrets();
  $('#password-form').reset();
  $('#mfa-form').reset();
  clearMessages();
}

export default {
  needs: 'viewer',
  interval: 60000,
  setUp() {
    onSubmit($('#password-form'), changePassword);
    onSubmit($('#mfa-form'), setUp);
    $('#mfa-remove').addEventListener('click', remove);
    $('#mfa-hide').addEventListener('click', hideSecrets);
  },
  enter() {
    $('#account-must-change').hidden = !session.user().passwordChangeRequired;
  },
  async refresh() {
    // nothing to fetch: the page shows only what its forms answer
  },
  leave: reset,
  reset,
};
