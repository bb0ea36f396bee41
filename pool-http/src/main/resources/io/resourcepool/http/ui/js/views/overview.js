// The pool at a glance: the totals, the chart of the last hour, the nodes table and the latest jobs, refreshed
// every 2 s.
import { get, withQuery } from '../api.js';
import { $, fillBar } from '../dom.js';
import { bytes, cores, percent, share } from '../format.js';
import { historyChart } from './history-chart.js';
import { fill } from '../table.js';
import { JOB_COLUMNS } from './job-columns.js';
import { showNodes } from './nodes.js';

const WINDOW_MILLIS = 3600 * 1000;
const RECENT_JOBS = 5;
let chart = null;
let samples = [];
let lastSampled = '';

function showTotals(a) {
  $('#stat-nodes').textContent = String(a.onlineNodes);
  $('#stat-nodes-sub').textContent = a.gpus > 0 ? `${a.gpus} GPUs among them` : `${a.logicalCpus} cores in all`;
  const cpu = share(a.cpusInUse, a.logicalCpus);
  $('#stat-cpu').textContent = percent(cpu);
  fillBar($('#stat-cpu-bar'), cpu);
  $('#stat-cpu-sub').textContent = `${cores(a.cpusInUse)} of ${a.logicalCpus} cores busy`;
  const memory = share(a.memoryInUseBytes, a.memoryTotalBytes);
  $('#stat-memory').textContent = percent(memory);
  fillBar($('#stat-memory-bar'), memory);
  $('#stat-memory-sub').textContent = `${bytes(a.memoryInUseBytes)} of ${bytes(a.memoryTotalBytes)}`;
  const used = Math.max(0, a.storageTotalBytes - a.storageAvailableBytes);
  const storage = share(used, a.storageTotalBytes);
  $('#stat-storage').textContent = percent(storage);
  fillBar($('#stat-storage-bar'), storage);
  $('#stat-storage-sub').textContent = `${bytes(used)} of ${bytes(a.storageTotalBytes)}`;
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

async function refresh() {
  showTotals(await get('/v1/aggregate'));
  const { nodes } = await get('/v1/nodes');
  showNodes($('#nodes-table'), nodes);
  $('#nodes-note').textContent = `${nodes.filter((n) => n.online).length} of ${nodes.length} online`;
  const { jobs } = await get(withQuery('/v1/jobs', { limit: RECENT_JOBS }));
  fill($('#recent-jobs'), jobs, JOB_COLUMNS, { empty: 'No jobs yet: run one from the Run page.', id: (j) => j.id });
  await refreshHistory();
}

export default {
  needs: 'viewer',
  interval: 2000,
  enter() {
    chart = chart || historyChart($('#history-chart'));
  },
  refresh,
  reset() {
    samples = [];
    lastSampled = '';
  },
};
