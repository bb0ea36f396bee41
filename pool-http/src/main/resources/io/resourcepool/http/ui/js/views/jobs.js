// Job history: the jobs the session may see (an admin sees everyone's), filtered by state, node and owner, newest
// first, refreshed every 2 s; a picked job shows its output tail, and can be followed live or cancelled.
import { describe, get, post, withQuery } from '../api.js';
import { $, say } from '../dom.js';
import { follow } from '../output.js';
import { fill } from '../table.js';
import { JOB_COLUMNS } from './job-columns.js';
import { ended, showState } from './job-state.js';
import { nodeOptions } from './nodes.js';

let picked = null;
let following = null;

const parts = () => ({ state: $('#detail-state'), where: $('#detail-where'), exit: $('#detail-exit'), cancel: $('#detail-cancel') });


function filters() {
  return { state: $('#filter-state').value, node: $('#filter-node').value, owner: $('#filter-owner').value.trim(), limit: 100 };
}

async function refresh() {
  nodeOptions($('#filter-node'), (await get('/v1/nodes')).nodes);
  let jobs;
  try {
    jobs = (await get(withQuery('/v1/jobs', filters()))).jobs;
    say($('#jobs-error'), '');
  } catch (error) {
    say($('#jobs-error'), describe(error));
    return;
  }
  fill($('#jobs-table'), jobs, JOB_COLUMNS, { empty: 'No job matches.', id: (j) => j.id, onPick: pick, picked: picked && picked.id });
  $('#jobs-note').textContent = jobs.length === 100 ? 'the newest 100' : `${jobs.length} shown`;
}

async function pick(job) {
  if (following) {
    following.abort();
  }
  const detail = await get(`/v1/jobs/${encodeURIComponent(job.id)}`);
  picked = detail;
  $('#job-detail').hidden = false;
  $('#detail-id').textContent = detail.id;
  showState(parts(), detail);
  $('#detail-reason').textContent = detail.reason || '';
  const box = $('#detail-output');
  box.replaceChildren();
  if (ended(detail.state)) {
    box.textContent = detail.outputTail || '';
    return;
  }
  following = new AbortController();
  follow(detail.id, box, (result) => showState(parts(), result), following.signal);
}

function close() {
  if (following) {
    following.abort();
  }
  picked = null;
  $('#job-detail').hidden = true;
}

export default {
  needs: 'viewer',
  interval: 2000,
  setUp() {
    $('#jobs-filter').addEventListener('change', () => refresh().catch(() => {}));
    $('#jobs-filter').addEventListener('submit', (event) => event.preventDefault());
    $('#detail-close').addEventListener('click', close);
    $('#detail-cancel').addEventListener('click', async () => {
      try {
        await post(`/v1/jobs/${encodeURIComponent(picked.id)}/cancel`);
      } catch (error) {
        say($('#jobs-error'), describe(error));
      }
    });
  },
  refresh,
  leave: close,
  reset: close,
};
