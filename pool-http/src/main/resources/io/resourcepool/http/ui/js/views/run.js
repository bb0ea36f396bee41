// Run a command: on a chosen node or the scheduler's choice, submitted detached (POST /v1/jobs), then followed
// live until its exit code and state arrive.
import { describe, get, post } from '../api.js';
import { $, busy, say } from '../dom.js';
import { append, follow } from '../output.js';
import { showState } from './job-state.js';
import { nodeOptions } from './nodes.js';

let following = null;
let jobId = null;

const parts = () => ({ state: $('#run-state'), where: $('#run-where'), exit: $('#run-exit'), cancel: $('#run-cancel') });

function spec() {
  const line = $('#run-command').value.trim();
  const body = { command: $('#run-shell').checked ? ['sh', '-c', line] : line.split(/\s+/) };
  if ($('#run-node').value) {
    body.node = $('#run-node').value;
  }
  const timeout = Number($('#run-timeout').value);
  if (timeout > 0) {
    body.limits = { timeoutSeconds: timeout };
  }
  return body;
}

async function run() {
  say($('#run-error'), '');
  if (following) {
    following.abort();
  }
  let accepted;
  try {
    accepted = await post('/v1/jobs', spec());
  } catch (error) {
    say($('#run-error'), describe(error));
    return;
  }
  jobId = accepted.id;
  $('#run-card').hidden = false;
  $('#run-job').textContent = jobId;
  $('#run-output').replaceChildren();
  showState(parts(), { state: 'QUEUED' });
  following = new AbortController();
  const placed = get(`/v1/jobs/${jobId}`).then((job) => showState(parts(), job)).catch(() => {});
  follow(jobId, $('#run-output'), async (result) => {
    await placed;
    showState(parts(), result);
    if (result.outputTruncated) {
      append($('#run-output'), '\n[output past the cap was dropped; its last bytes are above]\n', 'note');
    }
  }, following.signal);
}

export default {
  needs: 'compute-user',
  interval: 5000,
  setUp() {
    const form = $('#run-form');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      busy(form, run);
    });
    $('#run-cancel').addEventListener('click', async () => {
      try {
        await post(`/v1/jobs/${jobId}/cancel`);
      } catch (error) {
        say($('#run-error'), describe(error));
      }
    });
  },
  enter() {
    $('#run-command').focus();
  },
  async refresh() {
    nodeOptions($('#run-node'), (await get('/v1/nodes')).nodes);
  },
  reset() {
    if (following) {
      following.abort();
    }
    jobId = null;
    $('#run-card').hidden = true;
    $('#run-output').replaceChildren();
    say($('#run-error'), '');
  },
};
