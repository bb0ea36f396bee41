// Fills a table from a list: the header from the columns' labels (once), then one row per item, one cell per
// column (text or a node), or one row saying the list is empty. A row with an id can be picked.
import { el } from './dom.js';

function header(table, columns) {
  if (table.tHead.rows.length === 0) {
    table.tHead.append(el('tr', {}, ...columns.map((column) => el('th', { class: column.head || column.class }, column.label))));
  }
}

export function fill(table, items, columns, { empty = 'Nothing yet', id, onPick, picked } = {}) {
  header(table, columns);
  const body = table.tBodies[0];
  if (items.length === 0) {
    body.replaceChildren(el('tr', {}, el('td', { class: 'empty', colspan: String(columns.length) }, empty)));
    return;
  }
  body.replaceChildren(...items.map((item) => {
    const key = id ? id(item) : undefined;
    const row = el('tr', { 'data-id': key, class: key !== undefined && key === picked ? 'selected' : undefined },
      ...columns.map((column) => cell(column, item)));
    if (onPick && key !== undefined) {
      row.addEventListener('click', () => onPick(item));
    }
    return row;
  }));
}

function cell(column, item) {
  const content = column.value(item);
  return el('td', { class: column.class, title: column.title ? column.title(item) : undefined }, content ?? '');
}
