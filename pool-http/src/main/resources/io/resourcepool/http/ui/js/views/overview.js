// The pool at a glance: the totals, the chart of the last hour, the nodes table, each user's GPU time (shown once
// there is some) and the latest jobs, refreshed every 2 s.
import { get, withQuery } from '../api.js';
import { $, el, fillBar } from '../dom.js';
import { bytes, cores, gpuSeconds, percent, share } from '../format.js';
import { fill } from '../table.js';
import { historyChart } from './history-chart.js';
import { JOB_COLUMNS } from './job-columns.js';
import { showNodes } from './nodes.js';

const WINDOW_MILLIS = 3600 * 1000;
const RECENT_JOBS = 5;
let chart = null;
let samples = [];
let lastSampled = '';

/** The figures at a glance: one card each, three of them a share of a total with its bar. */
const STATS = [
  { name: 'nodes', label: 'Nodes online', bar: false },
  { name: 'cpu', label: 'CPU in use', bar: true },
  { name: 'memory', label: 'Memory in use', bar: true },
  { name: 'storage', label: 'Storage used', bar: true },
];

function statCards() {
  $('#stats').replaceChildren(...STATS.map(({ name, label, bar }) => el('article', { class: 'stat' },
    el('p', { class: 'stat-label' }, label),
    el('p', { class: 'stat-value', id: `stat-${name}` }, '–'),
    bar ? el('div', { class: `bar ${name}`, id: `stat-${name}-bar` }, el('span')) : null,
    el('p', { class: 'stat-sub', id: `stat-${name}-sub` }, '\u00a0'))));
}

function showShare(name, part, whole, sub) {
  const fraction = share(part, whole);
  $(`#stat-${name}`).textContent = percent(fraction);
  fillBar($(`#stat-${name}-bar`), fraction);
  $(`#stat-${name}-sub`).textContent = sub;
}

function showTotals(a) {
  $('#stat-nodes').textContent = String(a.onlineNodes);
  $('#stat-nodes-sub').textContent = a.gpus > 0 ? `${a.logicalCpus} cores and ${a.gpus} GPUs in all` : `${a.logicalCpus} cores in all`;
  showShare('cpu', a.cpusInUse, a.logicalCpus, `${cores(a.cpusInUse)} of ${a.logicalCpus} cores busy`);
  showShare('memory', a.memoryInUseBytes, a.memoryTotalBytes, `${bytes(a.memoryInUseBytes)} of ${bytes(a.memoryTotalBytes)}`);
  const used = Math.max(0, a.storageTotalBytes - a.storageAvailableBytes);
  showShare('storage', used, a.storageTotalBytes, `${bytes(used)} of ${bytes(a.storageTotalBytes)}`);
}

/**
 * Adds the samples the hub took since the last one seen and the pool as it is now, so that the chart shows the
 * hub's history from before the page was opened and, while it is open, every refresh; forgets what is over an hour
 * old.
 */
async function refreshHistory() {
  const history = await get(withQuery('/v1/aggregate/history', { since: lastSampled }));
  const now = history.samples[history.samples.length - 1];
  if (history.samples.length > 1) {
    lastSampled = history.samples[history.samples.length - 2].at;
  }
  const oldest = Date.parse(now.at) - WINDOW_MILLIS;
  samples = samples.concat(history.samples).filter((s) => Date.parse(s.at) > oldest).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  chart.show(samples);
  $('#chart-note').textContent = `CPU and memory in use across the online nodes: the hub's samples every ${history.intervalSeconds} s, `
    + 'and each refresh while this page is open';
}

const USAGE_EVERY_MILLIS = 30 * 1000;
let usageAsked = 0;
const USAGE_COLUMNS = [
  { label: 'User', value: (u) => u.username },
  { label: 'GPU-seconds', value: (u) => gpuSeconds(u.gpuSeconds), class: 'number' },
];

/**
 * Each user's GPU time as the hub sums it (an admin sees everyone, anyone else themselves); hidden while there is
 * none. The store sums every job it keeps for it, so it is asked when the view is shown and then every 30 s, not at
 * every refresh.
 */
async function refreshUsage() {
  if (Date.now() - usageAsked < USAGE_EVERY_MILLIS) {
    return;
  }
  usageAsked = Date.now();
  const { users } = await get('/v1/usage');
  $('#usage-card').hidden = users.length === 0;
  $('#usage-note').textContent = 'every attempt of the jobs the hub keeps, GPUs times seconds run';
  fill($('#usage-table'), users, USAGE_COLUMNS, { id: (u) => u.username });
}

async function refresh() {
  showTotals(await get('/v1/aggregate'));
  const { nodes } = await get('/v1/nodes');
  showNodes($('#nodes-table'), nodes);
  $('#nodes-note').textContent = `${nodes.filter((n) => n.online).length} of ${nodes.length} online`;
  const { jobs } = await get(withQuery('/v1/jobs', { limit: RECENT_JOBS }));
  fill($('#recent-jobs'), jobs, JOB_COLUMNS, { empty: 'No jobs yet: run one from the Run page.', id: (j) => j.id });
  await refreshUsage();
  await refreshHistory();
}

export default {
  needs: 'viewer',
  interval: 2000,
  setUp: statCards,
  enter() {
    chart = chart || historyChart($('#history-chart'));
    usageAsked = 0;
  },
  refresh,
  reset() {
    samples = [];
    lastSampled = '';
    usageAsked = 0;
  },
};
