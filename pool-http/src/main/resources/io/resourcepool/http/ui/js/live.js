// The top bar's live dot and the banner: whether the last refresh reached the hub, and why not.
import { describe } from './api.js';
import { $, say } from './dom.js';
import * as session from './session.js';

export function reached() {
  $('#live-dot').classList.add('on');
  say($('#banner'), '');
}

export function failed(error) {
  $('#live-dot').classList.remove('on');
  if (session.token()) {
    say($('#banner'), describe(error));
  }
}

export function reset() {
  $('#live-dot').classList.remove('on');
  say($('#banner'), '');
}
