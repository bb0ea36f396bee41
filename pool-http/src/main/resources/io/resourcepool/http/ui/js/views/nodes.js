// The nodes table: each node's status, its CPU load and memory as bars, its GPUs (each one's model, memory, load,
// temperature and the job holding it), its jobs, labels and sandbox.
import { badge, el, meter } from '../dom.js';
import { ago, bytes, cores, percent, shortId, share } from '../format.js';
import { fill } from '../table.js';

function status(node) {
  return el('span', {}, badge(node.online ? 'online' : 'offline'), node.drained ? ' ' : null, node.drained ? badge('drained') : null);
}

function cpu(node) {
  const r = node.resources;
  return meter(r.cpuLoad, `${cores(r.cpuLoad * r.logicalCpus)} / ${r.logicalCpus} cores`);
}

function memory(node) {
  const r = node.resources;
  const used = Math.max(0, r.memoryTotalBytes - r.memoryAvailableBytes);
  return meter(share(used, r.memoryTotalBytes), `${bytes(used)} / ${bytes(r.memoryTotalBytes)}`, 'memory');
}

/** One GPU: which it is, its memory as a bar, how busy and hot, and free or the job holding it. */
function gpu(g) {
  const memory = g.memoryBytes > 0 ? `${bytes(g.memoryUsedBytes)} / ${bytes(g.memoryBytes)}` : 'memory unknown';
  const holder = g.heldBy
    ? el('span', { class: 'state running', title: `held by job ${g.heldBy}` }, `busy: ${shortId(g.heldBy)}`)
    : el('span', { class: 'state usable' }, 'free');
  return el('div', { class: 'gpu', 'data-gpu': `${g.vendor}:${g.index}`, title: g.uuid || '' },
    el('span', { class: 'gpu-name' }, `${g.index} ${g.model}`), ' ', holder,
    meter(share(g.memoryUsedBytes, g.memoryBytes), `${memory} · ${percent(g.utilization)} busy · ${g.temperatureCelsius}°C`, 'memory'));
}

function gpus(node) {
  const list = node.resources.gpus;
  return list.length === 0 ? el('span', { class: 'muted' }, '—') : list.map(gpu);
}

function labels(node) {
  const entries = Object.entries(node.labels);
  return entries.length === 0 ? el('span', { class: 'muted' }, '—') : entries.map(([key, value]) => el('span', { class: 'chip' }, `${key}=${value}`));
}

export const NODE_COLUMNS = [
  { label: 'Node', value: (n) => [el('span', { class: 'node-name' }, n.hostname), el('span', { class: 'node-id' }, n.id)] },
  { label: 'Status', value: status },
  { label: 'CPU load', value: cpu, head: 'col-bar' },
  { label: 'Memory', value: memory, head: 'col-bar' },
  { label: 'GPUs', value: gpus, class: 'gpus' },
  { label: 'Jobs', value: (n) => String(n.runningJobs), title: () => 'jobs running there now' },
  { label: 'Labels', value: labels },
  { label: 'Sandbox', value: (n) => n.sandbox.split(/[:;]/)[0], class: 'sandbox', title: (n) => n.sandbox },
  { label: 'Heartbeat', value: (n) => (n.lastHeartbeat ? ago(n.lastHeartbeat) : '—'), title: (n) => n.lastHeartbeat || '' },
];

/** Online nodes first, then by name. */
export function sortedNodes(nodes) {
  return [...nodes].sort((a, b) => Number(b.online) - Number(a.online) || a.hostname.localeCompare(b.hostname));
}

export function showNodes(table, nodes) {
  fill(table, sortedNodes(nodes), NODE_COLUMNS, { empty: 'No node has joined yet: create a join token and start a worker.', id: (n) => n.id });
}

/** Fills a select with the nodes, keeping its first option ("any") and what was chosen. */
export function nodeOptions(select, nodes) {
  const chosen = select.value;
  const first = select.options[0];
  const options = nodes.map((n) => el('option', { value: n.id }, `${n.hostname} (${n.id})${n.online ? '' : ' — offline'}`));
  select.replaceChildren(first, ...options);
  select.value = nodes.some((n) => n.id === chosen) ? chosen : '';
}
