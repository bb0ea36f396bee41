// Job history: the jobs the session may see (an admin sees everyone's), filtered by state, node and owner, newest
// first, refreshed every 2 s; a picked job opens in a card with its output, followed live while it runs.
import { describe, get, withQuery } from '../api.js';
import { $, say } from '../dom.js';
import { fill } from '../table.js';
import { jobCard } from './job-card.js';
import { JOB_COLUMNS } from './job-columns.js';
import { nodeOptions } from './nodes.js';

let card = null;
let jobs = [];

function filters() {
  return { state: $('#filter-state').value, node: $('#filter-node').value, owner: $('#filter-owner').value.trim(), limit: 100 };
}

function show() {
  fill($('#jobs-table'), jobs, JOB_COLUMNS, { empty: 'No job matches.', id: (j) => j.id, onPick: pick, picked: card.id() });
  $('#jobs-note').textContent = jobs.length === 100 ? 'the newest 100' : `${jobs.length} shown`;
}

async function refresh() {
  nodeOptions($('#filter-node'), (await get('/v1/nodes')).nodes);
  try {
    jobs = (await get(withQuery('/v1/jobs', filters()))).jobs;
    say($('#jobs-error'), '');
  } catch (error) {
    say($('#jobs-error'), describe(error));
    return;
  }
  show();
}

async function pick(job) {
  try {
    await card.open(job.id);
    show();
  } catch (error) {
    say($('#jobs-error'), describe(error));
  }
}

export default {
  needs: 'viewer',
  interval: 2000,
  setUp() {
    card = jobCard($('#job-detail'), { closable: true, onClose: show });
    $('#jobs-filter').addEventListener('change', () => refresh().catch((error) => say($('#jobs-error'), describe(error))));
    $('#jobs-filter').addEventListener('submit', (event) => event.preventDefault());
  },
  refresh,
  leave() {
    card.close();
  },
  reset() {
    card.close();
    jobs = [];
  },
};
