// Pipelines: every consumer, and the form that starts one with the seed's fields, each explained.
import {get, post, q} from './api.js';
import {h, badge, table, showError} from './ui.js';
import {apiForm} from './form.js';

export const CONSUMER_FIELDS = [
  {name: 'consumer_id', label: 'Consumer id', required: true, hint: 'Unique id (letters, digits, ".", "_", "-"); '
    + 'also the Kafka consumer group spillway-<id>.'},
  {name: 'kafka_topic', label: 'Kafka topic', required: true, value: 'db.public.person12',
    hint: 'The Debezium change topic, <topic_prefix>.<schema>.<table>.'},
  {name: 'topic_pattern', label: 'Topic is a pattern', type: 'checkbox',
    hint: 'Read every topic matching the topic as a Java regular expression.'},
  {name: 'pipeline_name', label: 'Pipeline name', required: true, hint: 'Label of the runs and key of the '
    + 'window state in Redis (spillway:pipeline:<name>).'},
  {name: 'connection_id', label: 'Connection id', required: true, list: 'connection-ids',
    hint: 'A registered connection (Connections page) the job loads into or calls.'},
  {name: 'max_event', label: 'Max events', type: 'number', min: 1, required: true, value: 10,
    hint: 'The window closes when it holds this many changes.'},
  {name: 'max_time', label: 'Max time (s)', type: 'number', min: 1, required: true, value: 3600,
    hint: 'The window closes this many seconds after its first change, even if no more arrive.'},
  {name: 'job_type', label: 'Job type', type: 'select', options: ['sync', 'append', 'trigger'], value: 'sync',
    hint: 'sync: upsert and delete rows in a postgres or redis target; append: one row per change (postgres); '
      + 'trigger: call an http connection once per window.'},
  {name: 'auto_offset_reset', label: 'Start from', type: 'select', options: ['earliest', 'latest'],
    value: 'earliest', hint: 'Where a new consumer group starts reading: the oldest change kept or only new ones.'},
  {name: 'target_table', label: 'Target table', hint: 'Optional; default: the source table\'s name.'},
  {name: 'on_failure', label: 'When the target refuses a window', type: 'select', options: ['dead_letter', 'pause'],
    value: 'dead_letter', hint: 'dead_letter: load what loads, send the refused changes to <topic>.dlq; '
      + 'pause: retry with the partitions paused until someone acts.'},
  {name: 'max_attempts', label: 'Max attempts', type: 'number', min: 1, hint: 'Attempts of a permanently '
    + 'failing window before it is isolated (1 to 100, default 3).'},
];

export function render(main) {
  const list = h('div', {'aria-live': 'polite'});
  const ids = h('datalist', {id: 'connection-ids'});
  const form = apiForm({legend: 'Start a consumer', name: 'consumer', fields: CONSUMER_FIELDS,
    submitLabel: 'Start consumer', submit: body => post('/consumer/start', body),
    success: info => { load(); return `consumer ${info.consumer_id} started (${info.state})`; }});
  main.append(h('h2', {tabindex: -1}, 'Pipelines'), list, form, ids);

  async function load() {
    try {
      const [consumers, connections] = await Promise.all([get('/consumer/list'), get('/connection/list')]);
      list.replaceChildren(table(['Consumer', 'State', 'Topic', 'Pipeline', 'Job', 'Connection'],
        consumers.consumers.map(c => [h('a', {href: `#/pipeline/${q(c.consumer_id)}`}, c.consumer_id),
          badge(c.state), c.kafka_topic, c.pipeline_name, c.job_type, c.connection_id]), 'Consumers'));
      ids.replaceChildren(...connections.map(c => h('option', {value: c.connection_id})));
    } catch (e) { showError(e); }
  }
  load();
}
