// How figures read on the page.
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function bytes(count) {
  let value = count;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${UNITS[unit]}`;
}

export function percent(fraction) {
  return `${Math.round(fraction * 100)}%`;
}

export function share(part, whole) {
  return whole > 0 ? part / whole : 0;
}

export function cores(count) {
  return count.toFixed(count >= 10 ? 0 : 1);
}

export function clock(iso) {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
}

export function dateTime(iso) {
  return new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
}

export function ago(iso) {
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 60) {
    return `${seconds} s ago`;
  }
  return seconds < 3600 ? `${Math.round(seconds / 60)} min ago` : `${Math.round(seconds / 3600)} h ago`;
}

export function took(startIso, endIso) {
  if (!startIso) {
    return '';
  }
  const millis = (endIso ? Date.parse(endIso) : Date.now()) - Date.parse(startIso);
  if (millis < 1000) {
    return `${Math.max(millis, 0)} ms`;
  }
  return millis < 60000 ? `${(millis / 1000).toFixed(1)} s` : `${Math.floor(millis / 60000)} min ${Math.round((millis % 60000) / 1000)} s`;
}

export function shortId(id) {
  return id.length > 13 ? id.slice(0, 8) : id;
}

export function gpuSeconds(seconds) {
  return seconds.toFixed(seconds >= 100 ? 0 : 1);
}
