// The chart of the last hour: CPU and memory in use as shares of the online nodes' totals, and how many nodes
// were online, from the hub's samples (GET /v1/aggregate/history) and the pool as it is now.
import { bytes, clock, cores, percent, share } from '../format.js';

const { Chart } = window;

function line(label, color, fill, axis) {
  return {
    label, data: [], borderColor: color, backgroundColor: fill, fill: fill !== 'transparent', cubicInterpolationMode: 'monotone',
    pointRadius: 0, pointHoverRadius: 4, borderWidth: 2, yAxisID: axis,
  };
}

function tooltipLabel(item) {
  const s = item.raw.sample;
  if (item.datasetIndex === 0) {
    return ` CPU: ${cores(s.cpusInUse)} of ${s.logicalCpus} cores (${percent(share(s.cpusInUse, s.logicalCpus))})`;
  }
  if (item.datasetIndex === 1) {
    return ` Memory: ${bytes(s.memoryInUseBytes)} of ${bytes(s.memoryTotalBytes)} (${percent(share(s.memoryInUseBytes, s.memoryTotalBytes))})`;
  }
  return ` Nodes online: ${s.onlineNodes}`;
}

/** The legend's dots in each line's own colour, not its pale fill. */
function legendLabels(chart) {
  return Chart.defaults.plugins.legend.labels.generateLabels(chart).map((label) => ({ ...label, fillStyle: label.strokeStyle, lineDash: [] }));
}

function options() {
  return {
    animation: false, maintainAspectRatio: false, parsing: false, normalized: true,
    interaction: { mode: 'index', intersect: false },
    scales: {
      x: { type: 'linear', grid: { display: false }, ticks: { maxTicksLimit: 8, color: '#5b6b82', callback: (value) => clock(value) } },
      y: { min: 0, max: 100, grid: { color: '#edf1f7' }, ticks: { stepSize: 25, color: '#5b6b82', callback: (value) => `${value}%` } },
      nodes: {
        position: 'right', min: 0, suggestedMax: 4, grid: { display: false },
        ticks: { precision: 0, color: '#5b6b82' }, title: { display: true, text: 'nodes', color: '#5b6b82' },
      },
    },
    plugins: {
      legend: {
        position: 'top', align: 'end',
        labels: { usePointStyle: true, pointStyle: 'circle', boxWidth: 7, boxHeight: 7, color: '#0f1b2d', generateLabels: legendLabels },
      },
      tooltip: { callbacks: { title: (items) => clock(items[0].parsed.x), label: tooltipLabel } },
    },
  };
}

export function historyChart(canvas) {
  const chart = new Chart(canvas, {
    type: 'line',
    data: {
      datasets: [
        line('CPU in use', '#2563eb', 'rgba(37, 99, 235, 0.12)', 'y'),
        line('Memory in use', '#7c3aed', 'rgba(124, 58, 237, 0.10)', 'y'),
        { ...line('Nodes online', '#16a34a', 'transparent', 'nodes'), stepped: true, borderDash: [5, 4], borderWidth: 1.5 },
      ],
    },
    options: options(),
  });
  return {
    show(samples) {
      const points = (value) => samples.map((s) => ({ x: Date.parse(s.at), y: value(s), sample: s }));
      chart.data.datasets[0].data = points((s) => 100 * share(s.cpusInUse, s.logicalCpus));
      chart.data.datasets[1].data = points((s) => 100 * share(s.memoryInUseBytes, s.memoryTotalBytes));
      chart.data.datasets[2].data = points((s) => s.onlineNodes);
      // the axis spans the samples themselves, not rounded-out bounds with nothing drawn in them
      chart.options.scales.x.min = samples.length > 0 ? Date.parse(samples[0].at) : undefined;
      chart.options.scales.x.max = samples.length > 0 ? Date.parse(samples[samples.length - 1].at) : undefined;
      chart.update('none');
      canvas.dataset.points = String(samples.length);
    },
  };
}
