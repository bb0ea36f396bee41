// The columns of a list of jobs, on the overview and in the job history.
import { badge, el } from '../dom.js';
import { dateTime, gpuSeconds, shortId, took } from '../format.js';

export const JOB_COLUMNS = [
  { label: 'Job', value: (j) => el('code', {}, shortId(j.id)), title: (j) => j.id },
  { label: 'Command', value: (j) => j.command.join(' '), class: 'command mono', title: (j) => j.command.join(' ') },
  { label: 'Owner', value: (j) => j.owner },
  { label: 'Node', value: (j) => j.node || '—' },
  { label: 'State', value: (j) => badge(j.state) },
  { label: 'Exit', value: (j) => (j.exitCode === null ? '' : String(j.exitCode)), class: 'exit' },
  { label: 'Submitted', value: (j) => dateTime(j.submittedAt), title: (j) => j.submittedAt },
  { label: 'Took', value: (j) => took(j.startedAt, j.finishedAt) },
  { label: 'GPUs', value: (j) => (j.gpus === 0 ? '' : String(j.gpus)), class: 'gpus-asked', title: (j) => (j.gpus === 0 ? '' : `${gpuSeconds(j.gpuSeconds)} GPU-seconds`) },
];
