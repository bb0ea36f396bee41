// A job's card, on the Run page and in the job history: its id, state, node and exit code, its output (followed
// live while it runs, the kept tail once it has ended), and Cancel while it can be cancelled.
import { describe, get, post } from '../api.js';
import { $, badge, say } from '../dom.js';
import { append, follow } from '../output.js';

const ENDED = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'CANCELLED', 'LOST']);

/** Puts a card into the slot; closable adds a Close button, after which onClose is called. */
export function jobCard(slot, { closable = false, onClose = () => {} } = {}) {
  const card = $('#job-card').content.firstElementChild.cloneNode(true);
  slot.append(card);
  const part = (name) => card.querySelector(`.job-${name}`);
  let id = null;
  let following = null;

  function show(job) {
    part('state').replaceChildren(badge(job.state));
    part('where').textContent = job.node ? `on ${job.node}` : 'waiting for a node';
    part('exit').textContent = job.exitCode === null || job.exitCode === undefined ? '' : `exit code ${job.exitCode}`;
    part('cancel').hidden = ENDED.has(job.state);
    say(part('reason'), job.reason || '');
  }

  function stop() {
    if (following) {
      following.abort();
      following = null;
    }
  }

  function ended(result) {
    show(result);
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
