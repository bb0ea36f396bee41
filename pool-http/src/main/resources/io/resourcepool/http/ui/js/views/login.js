// The login form: username and password, then the one-time code when the hub says the user needs one.
import { ApiError, describe, post } from '../api.js';
import { $, onSubmit, say } from '../dom.js';
import * as session from '../session.js';

const CODE_REQUIRED = 'code-required';

export function setUp(onLoggedIn) {
  onSubmit($('#login-form'), () => logIn(onLoggedIn));
}

async function logIn(onLoggedIn) {
  say($('#login-error'), '');
  say($('#login-hint'), '');
  const body = { username: $('#login-username').value.trim(), password: $('#login-password').value };
  const code = $('#login-code').value.trim();
  if (!$('#login-code-label').hidden && code) {
    body.code = code;
  }
  try {
    session.start(await post('/v1/auth/login', body));
    clear();
    onLoggedIn();
  } catch (error) {
    refused(error);
  }
}

function refused(error) {
  if (error instanceof ApiError && error.kind === CODE_REQUIRED) {
    $('#login-code-label').hidden = false;
    $('#login-code').required = true;
    say($('#login-hint'), 'Enter the one-time code from your authenticator app, or a recovery code.');
    $('#login-code').focus();
    return;
  }
  say($('#login-error'), describe(error));
  $('#login-password').value = '';
  $('#login-code').value = '';
  $('#login-password').focus();
}

/** Empties the form, so that no password stays in the page once logged in. */
function clear() {
  say($('#login-hint'), '');
  $('#login-password').value = '';
  $('#login-code').value = '';
  $('#login-code').required = false;
  $('#login-code-label').hidden = true;
}

export function show(reason) {
  say($('#login-error'), reason || '');
  $('#login-view').hidden = false;
  $('#login-username').focus();
}

export function hide() {
  $('#login-view').hidden = true;
}
