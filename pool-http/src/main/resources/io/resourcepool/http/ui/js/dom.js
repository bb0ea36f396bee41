// Small helpers to build and fill elements. Text always goes in as text, never as HTML.
export function $(selector) {
  return document.querySelector(selector);
}

/** An element with attributes (class, data-*, listeners as onclick...) and children (nodes or text). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'class') {
      node.className = value;
    } else if (name.startsWith('on')) {
      node.addEventListener(name.slice(2), value);
    } else {
      node.setAttribute(name, value === true ? '' : value);
    }
  }
  node.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

/** Shows a message in an element, or hides the element when the message is empty. */
export function say(element, message) {
  element.textContent = message || '';
  element.hidden = !message;
}

/** A bar filled to a fraction (0..1), warmer as it fills, with a label beside it. */
export function meter(fraction, label, kind = '') {
  const fill = el('span');
  fill.style.width = `${Math.round(Math.min(Math.max(fraction, 0), 1) * 100)}%`;
  return el('div', { class: 'meter' }, el('div', { class: `bar ${kind} ${heat(fraction)}` }, fill), el('small', {}, label));
}

/** Fills an existing bar (a .bar holding a span). */
export function fillBar(bar, fraction) {
  bar.querySelector('span').style.width = `${Math.round(Math.min(Math.max(fraction, 0), 1) * 100)}%`;
  bar.classList.remove('warm', 'hot');
  const level = heat(fraction);
  if (level) {
    bar.classList.add(level);
  }
}

function heat(fraction) {
  if (fraction >= 0.9) {
    return 'hot';
  }
  return fraction >= 0.7 ? 'warm' : '';
}

/** A state badge, coloured by its name. */
export function badge(state) {
  return el('span', { class: `state ${state.toLowerCase()}` }, state.replace('_', ' ').toLowerCase());
}

/** Runs work when the form is submitted, instead of sending it, with its submit button disabled meanwhile. */
export function onSubmit(form, work) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(form, work);
  });
}

async function busy(form, work) {
  const button = form.querySelector('button[type=submit]');
  button.setAttribute('aria-busy', 'true');
  button.disabled = true;
  try {
    return await work();
  } finally {
    button.removeAttribute('aria-busy');
    button.disabled = false;
  }
}
