// One pipeline: its state and open window, definition, actions (trigger, reset count, stop) and run history
// with a chart. Refreshes itself; the action buttons stay outside the refreshed regions so focus stays put.
import {get, post, q} from './api.js';
import {h, badge, bar, table, definitionList, every, statusRegion, report, formatMs, formatLsn,
  formatTime} from './ui.js';
import {runChart} from './chart.js';

const REFRESH_MS = 3000;

export function render(main, id) {
  const status = statusRegion();
  const state = h('div', {'aria-live': 'polite', id: 'pipeline-state'});
  const runs = h('div', {'aria-live': 'polite', id: 'pipeline-runs'});
  const definition = h('div', {});
  const button = (label, cls, action) => h('button', {type: 'button', class: cls, onclick: action}, label);
  main.append(h('h2', {tabindex: -1}, `Pipeline ${id}`),
    h('div', {class: 'actions'},
      button('Trigger window now', '', () => report(status, () => post(`/consumer/trigger?consumer_id=${q(id)}`),
        r => r.detail)),
      button('Reset count', 'secondary', () => confirm(`Reset the Redis window state of ${id}?`)
        && report(status, () => post(`/redis/reset/${q(id)}`), r => r?.detail || 'count reset')),
      h('a', {href: `#/dead-letters/${q(id)}`, class: 'button-link'}, 'Dead letters'),
      button('Stop consumer', 'danger', () => confirm(`Stop consumer ${id}? Its definition is deleted.`)
        && report(status, () => post(`/consumer/stop?consumer_id=${q(id)}`), r => r.detail))),
    status, h('h3', {}, 'State'), state, h('h3', {}, 'Run history'), runs, h('h3', {}, 'Definition'), definition);

  return every(REFRESH_MS, async () => {
    let info;
    try {
      info = await get(`/consumer/info/${q(id)}`);
    } catch (e) {
      if (e.status !== 404) throw e;
      state.replaceChildren(badge('STOPPED'), ` ${e.message}`);
    }
    if (info) {
      state.replaceChildren(stateView(info));
      definition.replaceChildren(definitionList(Object.entries(info.definition)));
    }
    const history = await get(`/consumer/runs/${q(id)}?limit=50`).catch(e => {
      if (e.status === 404) return {runs: [], total: 0};
      throw e;
    });
    runs.replaceChildren(h('p', {}, `${history.total} runs recorded`), runChart(history.runs), runTable(history.runs));
  });
}

function stateView(info) {
  const w = info.window;
  return h('div', {},
    h('p', {}, badge(info.state), info.state_reason ? ` ${info.state_reason}` : ''),
    h('span', {class: 'bar-label', 'aria-hidden': 'true'}, 'Open window: changes toward max_event'),
    bar('changes in the open window toward max_event', w.count, w.max_event, `${w.count} / ${w.max_event} changes`),
    h('span', {class: 'bar-label', 'aria-hidden': 'true'}, 'Open window: age toward max_time'),
    bar('age of the open window toward max_time', (w.age_ms ?? 0) / 1000, w.max_time,
      `${formatMs(w.age_ms ?? null)} / ${w.max_time} s`),
    definitionList([['Lag', info.total_lag], ['Changes in', info.events_in], ['Windows run', info.windows_run],
      ['Dead letters', info.dead_lettered], ['Job failures', info.job_failures], ['Restarts', info.restarts],
      ['Partitions', info.assigned_partitions.join(', ')], ['Last error', info.last_error ? `${info.last_error.error} (${info.last_error.at})` : '']]));
}

function runTable(runs) {
  return table(['Finished', 'Reason', 'Changes', 'Rows', 'First LSN', 'Last LSN', 'Duration', 'Status', 'Error'],
    runs.map(r => [formatTime(r.finished_at), r.reason, String(r.events_in),
      `${r.rows_upserted} upserted, ${r.rows_deleted} deleted, ${r.rows_appended} appended`,
      formatLsn(r.first_position?.lsn), formatLsn(r.last_position?.lsn), formatMs(r.duration_ms), badge(r.status),
      r.error || '']), 'Runs, newest first');
}
