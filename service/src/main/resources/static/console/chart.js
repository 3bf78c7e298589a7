// A small inline-SVG chart of each run's changes (bars) and duration (line), oldest run on the left.
const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

export function runChart(runs) {
  const shown = runs.slice(0, 40).reverse();
  const width = 600, height = 160, pad = 24;
  const maxChanges = Math.max(1, ...shown.map(r => r.events_in));
  const maxDuration = Math.max(1, ...shown.map(r => r.duration_ms));
  const step = (width - 2 * pad) / Math.max(1, shown.length);
  const root = svg('svg', {viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img',
    'aria-label': `Last ${shown.length} runs: changes per run (bars, up to ${maxChanges}) and duration `
      + `(line, up to ${maxDuration} ms)`});
  root.append(svg('title', {}, 'Changes and duration per run'));
  const y = (v, max) => height - pad - (v / max) * (height - 2 * pad);
  const points = [];
  shown.forEach((run, i) => {
    const x = pad + i * step;
    const bar = svg('rect', {class: 'changes', x: x + step * 0.15, width: Math.max(1, step * 0.7),
      y: y(run.events_in, maxChanges), height: height - pad - y(run.events_in, maxChanges)});
    bar.append(svg('title', {}, `${run.window_id}: ${run.events_in} changes, ${run.duration_ms} ms, ${run.status}`));
    root.append(bar);
    points.push(`${x + step / 2},${y(run.duration_ms, maxDuration)}`);
  });
  if (points.length) root.append(svg('polyline', {class: 'duration', points: points.join(' ')}));
  root.append(svg('text', {x: 2, y: 12, 'font-size': 11}, `changes ≤ ${maxChanges}`),
    svg('text', {x: width - 2, y: 12, 'font-size': 11, 'text-anchor': 'end', fill: '#b3261e'},
      `duration ≤ ${maxDuration} ms`),
    svg('text', {x: width / 2, y: height - 6, 'font-size': 11, 'text-anchor': 'middle'}, 'older runs → newer runs'),
    svg('line', {x1: pad, x2: width - pad, y1: height - pad, y2: height - pad, stroke: '#57606a'}));
  return root;
}
