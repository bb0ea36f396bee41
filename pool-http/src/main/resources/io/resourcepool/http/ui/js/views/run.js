// Run a command: on a chosen node or the scheduler's choice, submitted detached (POST /v1/jobs), then followed
// live in a job card until its exit code and state arrive.
import { describe, get, post } from '../api.js';
import { $, onSubmit, say } from '../dom.js';
import { jobCard } from './job-card.js';
import { nodeOptions } from './nodes.js';

let card = null;

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
  try {
    const accepted = await post('/v1/jobs', spec());
    await card.open(accepted.id);
  } catch (error) {
    say($('#run-error'), describe(error));
  }
}

export default {
  needs: 'compute-user',
  interval: 5000,
  setUp() {
    card = jobCard($('#run-job'));
    onSubmit($('#run-form'), run);
  },
  enter() {
    $('#run-command').focus();
  },
  async refresh() {
    nodeOptions($('#run-node'), (await get('/v1/nodes')).nodes);
  },
  reset() {
    card.close();
    say($('#run-error'), '');
  },
};
