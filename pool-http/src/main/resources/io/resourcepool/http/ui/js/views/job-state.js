// Shows where a job stands in a job card's header: its state, its node, its exit code and whether it can be cancelled.
import { badge } from '../dom.js';

const ENDED = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'CANCELLED', 'LOST']);

export function ended(state) {
  return ENDED.has(state);
}

/** parts: {state, where, exit, cancel} elements; job: anything with state, node, exitCode. */
export function showState(parts, job) {
  parts.state.replaceChildren(badge(job.state));
  parts.state.dataset.state = job.state;
  parts.where.textContent = job.node ? `on ${job.node}` : 'waiting for a node';
  parts.exit.textContent = job.exitCode === null || job.exitCode === undefined ? '' : `exit code ${job.exitCode}`;
  parts.cancel.hidden = ended(job.state);
}
