// Small DOM helpers. Data from the API is only ever set as text, never parsed as HTML.

/** h('td', {class: 'x', onclick: f}, 'text', child) */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const STATE_MARKS = {RUNNING: '✓', FAILED: '✗', STOPPED: '■', PAUSED: '❚❚', PAUSED_BACKPRESSURE: '❚❚',
  RESTARTING: '↻', STARTING: '…', UNASSIGNED: '?', SUCCEEDED: '✓', PARTIAL: '◐', UP: '✓', DOWN: '✗',
  REPLAYED: '↩'};

/** A state as a word with a mark: colour helps, but the word and the mark carry it. */
export function badge(state) {
  const word = state || 'UNKNOWN';
  return h('span', {class: `badge state-${word.toLowerCase()}`},
    h('span', {'aria-hidden': 'true'}, STATE_MARKS[word] || '•'), ' ', word);
}

/** A labelled bar: value of max, with the numbers in words beside it. */
export function bar(label, value, max, text) {
  const shown = Math.max(0, Math.min(value, max));
  return h('div', {class: 'bar'},
    h('progress', {max, value: shown, 'aria-label': label, 'data-value': value}),
    h('span', {class: 'bar-text'}, text));
}

export function table(headers, rows, caption) {
  return h('table', {},
    caption && h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map(name => h('th', {scope: 'col'}, name)))),
    h('tbody', {}, rows.length ? rows.map(cells => h('tr', {}, cells.map((cell, i) =>
      h('td', {'data-label': headers[i]}, cell))))
      : h('tr', {}, h('td', {colspan: headers.length}, 'none yet'))));
}

export function definitionList(entries) {
  return h('dl', {}, entries.filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v instanceof Node ? v
      : typeof v === 'object' ? JSON.stringify(v) : String(v))]));
}

/** A region that says what an action did, or the API's detail when it failed. */
export function statusRegion() {
  return h('p', {class: 'status', role: 'status', 'aria-live': 'polite'});
}

export async function report(region, action, success) {
  region.className = 'status';
  region.textContent = 'Working…';
  try {
    const result = await action();
    region.className = 'status ok';
    region.textContent = '✓ ' + (typeof success === 'function' ? success(result) : success);
    return result;
  } catch (e) {
    region.className = 'status failed';
    region.textContent = '✗ ' + e.message;
    return undefined;
  }
}

/** Shows a page-level failure (a refresh that could not load) in the shared alert region. */
export function showError(error) {
  const region = document.getElementById('error');
  if (!error) { region.hidden = true; region.textContent = ''; return; }
  region.hidden = false;
  region.textContent = '✗ ' + error.message;
}

export function formatBytes(n) {
  if (n === null || n === undefined) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${i ? n.toFixed(1) : n} ${units[i]}`;
}

export function formatMs(ms) {
  if (ms === null || ms === undefined) return '–';
  return ms < 1000 ? `${ms} ms` : ms < 120000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60000)} min`;
}

/** A WAL position as PostgreSQL prints it (16/B374D848). */
export function formatLsn(lsn) {
  if (lsn === null || lsn === undefined) return '–';
  return `${Math.floor(lsn / 2 ** 32).toString(16).toUpperCase()}/${(lsn % 2 ** 32).toString(16).toUpperCase()}`;
}

export function formatTime(iso) {
  return iso ? new Date(iso).toLocaleString() : '–';
}

/**
 * Replaces a refreshed region's content, keeping keyboard focus on the same control (same tag and text) so a
 * refresh never throws a keyboard user back to the top of the page.
 */
export function refresh(region, ...nodes) {
  const focused = region.contains(document.activeElement) ? document.activeElement : null;
  const key = focused && [focused.tagName, focused.textContent];
  region.replaceChildren(...nodes);
  if (key) {
    [...region.querySelectorAll(key[0])].find(n => n.textContent === key[1])?.focus();
  }
}

/** Re-runs `load` every `ms` while the page is shown; returns the function that stops it. */
export function every(ms, load) {
  let stopped = false;
  let timer;
  const tick = async () => {
    try { await load(); showError(null); } catch (e) { showError(e); }
    if (!stopped) timer = setTimeout(tick, ms);
  };
  tick();
  return () => { stopped = true; clearTimeout(timer); };
}
