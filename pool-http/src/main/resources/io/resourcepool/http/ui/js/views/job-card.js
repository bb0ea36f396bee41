// A job's card, on the Run page and in the job history: its id, state, node and exit code, its output (followed
// live while it runs, the kept tail once it has ended), its GPUs (how many it asked for, those it holds while it
// runs, its GPU-seconds once ended), and Cancel while it can be cancelled.
import { describe, get, post } from '../api.js';
import { $, badge, say } from '../dom.js';
import { gpuSeconds } from '../format.js';
import { append, follow } from '../output.js';

const ENDED = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'CANCELLED', 'LOST']);

/** Puts a card into the slot; closable adds a Close button, after which onClose is called. */
export function jobCard(slot, { closable = false, onClose = () => {} } = {}) {
  const card = $('#job-card').content.firstElementChild.cloneNode(true);
  slot.append(card);
  const part = (name) => card.querySelector(`.job-${name}`);
  let id = null;
  let following = null;

  /** The GPUs it asked for; while it runs, those its node says it holds; once ended, its GPU time. */
  async function showGpus(job) {
    if (!job.gpus) {
      say(part('gpus'), '');
      return;
    }
    const asked = `${job.gpus} GPU${job.gpus === 1 ? '' : 's'} asked for`;
    if (ENDED.has(job.state)) {
      say(part('gpus'), `${asked}; ${gpuSeconds(job.gpuSeconds)} GPU-seconds`);
      return;
    }
    if (job.state !== 'RUNNING') {
      say(part('gpus'), asked);
      return;
    }
    const { nodes } = await get('/v1/nodes');
    const held = nodes.filter((n) => n.id === job.node).flatMap((n) => n.resources.gpus).filter((g) => g.heldBy === job.id);
    say(part('gpus'), held.length === 0 ? asked
      : `${asked}; holds ${held.map((g) => `${g.index} (${g.model}${g.uuid ? `, ${g.uuid}` : ''})`).join(', ')}`);
  }

  function show(job) {
    part('state').replaceChildren(badge(job.state));
    part('where').textContent = job.node ? `on ${job.node}` : 'waiting for a node';
    part('exit').textContent = job.exitCode === null || job.exitCode === undefined ? '' : `exit code ${job.exitCode}`;
    part('cancel').hidden = ENDED.has(job.state);
    say(part('reason'), job.reason || '');
    if ('gpus' in job) {
      // the line is extra: a failed look-up leaves it as it was rather than hiding the job
      showGpus(job).catch(() => {});
    }
  }

  function stop() {
    if (following) {
      following.abort();
      following = null;
    }
  }

  function ended(result) {
    show(result);
    get(`/v1/jobs/${encodeURIComponent(result.id)}`).then(showGpus).catch(() => {});
    if (result.outputTruncated) {
      append(part('output'), '\n[output past the cap was dropped; its last bytes are above]\n', 'note');
    }
  }

  /** Shows a job: as it is now, then, while it runs, its output as it comes and how it ended. */
  async function open(jobId) {
    stop();
    id = jobId;
    part('id').textContent = jobId;
    part('output').replaceChildren();
    const job = await get(`/v1/jobs/${encodeURIComponent(jobId)}`);
    show(job);
    card.hidden = false;
    if (ENDED.has(job.state)) {
      part('output').textContent = job.outputTail || '';
      return;
    }
    following = new AbortController();
    follow(jobId, part('output'), ended, following.signal);
  }

  function close() {
    stop();
    id = null;
    card.hidden = true;
    part('output').replaceChildren();
  }

  part('cancel').addEventListener('click', async () => {
    try {
      await post(`/v1/jobs/${encodeURIComponent(id)}/cancel`);
    } catch (error) {
      say(part('reason'), describe(error));
    }
  });
  part('close').hidden = !closable;
  part('close').addEventListener('click', () => {
    close();
    onClose();
  });
  return { open, close, id: () => id };
}
