// Overview: every pipeline's state, lag, open window (bars toward max_event and max_time), last run and
// dead letters; every connector's state and its slot's retained WAL. Refreshes itself.
import {get, q} from './api.js';
import {h, badge, bar, table, every, refresh, formatBytes, formatMs, formatTime} from './ui.js';

const REFRESH_MS = 3000;

export function render(main) {
  const consumers = h('section', {'aria-labelledby': 'pipelines-h'});
  const connectors = h('section', {'aria-labelledby': 'connectors-h'});
  const updated = h('p', {class: 'updated', 'aria-live': 'off'});
  const pipelinesRegion = h('div', {'aria-live': 'polite', id: 'overview-pipelines'});
  const connectorsRegion = h('div', {'aria-live': 'polite', id: 'overview-connectors'});
  consumers.append(h('h3', {id: 'pipelines-h'}, 'Pipelines'), pipelinesRegion);
  connectors.append(h('h3', {id: 'connectors-h'}, 'Connectors'), connectorsRegion);
  main.append(h('h2', {tabindex: -1}, 'Overview'),
    h('p', {}, `Refreshes every ${REFRESH_MS / 1000} s. `, h('a', {href: '#/pipelines'}, 'Start a pipeline')),
    consumers, connectors, updated);
  return every(REFRESH_MS, async () => {
    const [list, health] = await Promise.all([get('/consumer/list'), get('/health/debezium', [503])]);
    const infos = await Promise.all(list.consumers.map(c =>
      get(`/consumer/info/${q(c.consumer_id)}`).catch(e => ({consumer_id: c.consumer_id, state: 'UNKNOWN',
        state_reason: e.message}))));
    refresh(pipelinesRegion, pipelineTable(infos));
    refresh(connectorsRegion, connectorTable(health));
    updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
  });
}

function pipelineTable(infos) {
  return table(['Consumer', 'State', 'Lag', 'Window: changes', 'Window: age', 'Last run', 'Dead letters'],
    infos.map(info => {
      const w = info.window || {};
      const ageMs = w.age_ms ?? 0;
      return [
        h('a', {href: `#/pipeline/${q(info.consumer_id)}`, 'data-consumer': info.consumer_id}, info.consumer_id),
        [badge(info.state), info.state_reason ? h('small', {class: 'reason'}, ' ', info.state_reason) : ''],
        String(info.total_lag ?? '–'),
        bar(`${info.consumer_id}: changes in the open window toward max_event`, w.count ?? 0, w.max_event || 1,
          `${w.count ?? 0} / ${w.max_event ?? '–'}`),
        bar(`${info.consumer_id}: age of the open window toward max_time`, ageMs / 1000, w.max_time || 1,
          `${formatMs(w.age_ms ?? null)} / ${w.max_time ?? '–'} s`),
        lastRun(info.last_run),
        String(info.dead_lettered ?? 0),
      ];
    }), 'Consumers: state, lag and the open window');
}

function lastRun(run) {
  if (!run) return 'none yet';
  return h('span', {class: 'last-run'}, badge(run.status), ` ${run.reason}, ${run.events_in} changes, `,
    formatMs(run.duration_ms), h('br'), h('small', {}, formatTime(run.finished_at)));
}

function connectorTable(health) {
  const details = health && health.details || {};
  if (details.error) return h('p', {}, `Kafka Connect: ${details.error}`);
  const connectors = Object.entries(details.connectors || {});
  return table(['Connector', 'State', 'Tasks', 'Slot', 'Retained WAL'],
    connectors.map(([name, c]) => {
      const slot = c.replication_slot || {};
      return [
        h('a', {href: '#/connectors'}, name),
        badge(c.state),
        (c.tasks || []).map(t => h('span', {class: 'task'}, `#${t.id} `, badge(t.state), ' ')),
        slot.slot_name ? [slot.slot_name, ' ', slot.error ? h('small', {}, slot.error)
          : badge(slot.active ? 'ACTIVE' : 'INACTIVE')] : '–',
        slot.retained_wal_bytes === undefined ? '–' : formatBytes(slot.retained_wal_bytes),
      ];
    }), 'Debezium connectors and their replication slots');
}
