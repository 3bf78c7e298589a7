// Connectors: each Debezium connector's state, tasks and slot; its config (secrets masked by the API);
// restart what FAILED; delete with a confirmation; and a form with the seed's connector fields.
import {get, post, del, q} from './api.js';
import {h, badge, table, definitionList, statusRegion, report, formatBytes, every, refresh} from './ui.js';
import {apiForm} from './form.js';

const FIELDS = [
  {name: 'name', label: 'Connector name', required: true, value: 'my-postgres-connector',
    hint: 'Letters, digits, ".", "_" or "-".'},
  {name: 'connector_class', label: 'Connector class', required: true,
    value: 'io.debezium.connector.postgresql.PostgresConnector', hint: 'Debezium\'s PostgreSQL source connector.'},
  {name: 'tasks_max', label: 'Tasks', value: '1', hint: 'A PostgreSQL connector always runs one task.'},
  {name: 'database_hostname', label: 'Database host', required: true, value: 'localhost',
    hint: 'As Kafka Connect reaches it.'},
  {name: 'database_port', label: 'Database port', required: true, value: '5432'},
  {name: 'database_user', label: 'Database user', required: true, value: 'debezium',
    hint: 'A role with REPLICATION.'},
  {name: 'database_password', label: 'Database password', type: 'password', required: true,
    hint: 'Sent to Kafka Connect; every answer shows it as ****.'},
  {name: 'database_dbname', label: 'Database', required: true, value: 'mydatabase'},
  {name: 'topic_prefix', label: 'Topic prefix', required: true, value: 'db',
    hint: 'Change topics are named <prefix>.<schema>.<table>.'},
  {name: 'schema_include_list', label: 'Schemas', value: 'public', hint: 'Comma-separated schemas to capture.'},
  {name: 'table_include_list', label: 'Tables', value: 'public.person12',
    hint: 'Comma-separated schema.table names to capture.'},
  {name: 'publication_autocreate_mode', label: 'Publication mode', type: 'select',
    options: ['filtered', 'all_tables', 'disabled'], value: 'filtered',
    hint: 'filtered: the publication holds only the captured tables.'},
  {name: 'plugin_name', label: 'Decoding plugin', type: 'select', options: ['pgoutput'], value: 'pgoutput'},
  {name: 'snapshot_mode', label: 'Snapshot mode', type: 'select',
    options: ['initial', 'no_data', 'always', 'initial_only', 'when_needed'], value: 'initial',
    hint: 'initial: copy the existing rows first, then stream; no_data: stream new changes only.'},
  {name: 'slot_name', label: 'Replication slot', hint: 'Optional; default "debezium". Each connector on a '
    + 'database needs its own slot.'},
  {name: 'publication_name', label: 'Publication', hint: 'Optional; default "dbz_publication".'},
];

export function render(main) {
  const list = h('div', {'aria-live': 'polite'});
  const details = h('div', {'aria-live': 'polite'});
  const status = statusRegion();
  const form = apiForm({legend: 'Start a connector', name: 'connector', fields: FIELDS,
    submitLabel: 'Start connector', submit: ({name, ...config}) => post('/debezium/start/', {name, config}),
    success: c => { load().catch(() => {}); return `connector ${c.name} created (${c.state})`; }});
  main.append(h('h2', {tabindex: -1}, 'Connectors'), list, status, details, form);

  async function load() {
    const [connectors, health] = await Promise.all([get('/debezium/list/'), get('/health/debezium', [503])]);
    const slots = health?.details?.connectors || {};
    refresh(list, table(['Connector', 'State', 'Tasks', 'Slot', 'Retained WAL', 'Actions'],
      connectors.map(c => {
        const slot = slots[c.name]?.replication_slot || {};
        const failed = c.state === 'FAILED' || c.tasks.some(t => t.state === 'FAILED');
        return [c.name, badge(c.state), c.tasks.map(t => h('span', {}, `#${t.id} `, badge(t.state), ' ')),
          slot.slot_name ? [slot.slot_name, ' ', slot.error || badge(slot.active ? 'ACTIVE' : 'INACTIVE')] : '–',
          slot.retained_wal_bytes === undefined ? '–' : formatBytes(slot.retained_wal_bytes),
          h('div', {class: 'actions'},
            h('button', {type: 'button', class: 'secondary', onclick: () => show(c.name)}, `Details of ${c.name}`),
            // Nothing is captured while a task is FAILED; its trace is in the details.
            failed && h('button', {type: 'button', onclick: () => restart(c.name)}, `Restart ${c.name}`),
            h('button', {type: 'button', class: 'danger', onclick: () => remove(c.name)}, `Delete ${c.name}`))];
      }), 'Debezium connectors'));
  }

  async function show(name) {
    const info = await report(status, () => get(`/debezium/connector/${q(name)}/info/`), `details of ${name}`);
    if (info) {
      details.replaceChildren(h('h3', {}, `Connector ${name}`), definitionList([['State', info.state],
        ['Trace', info.trace], ...Object.entries(info.config)]));
    }
  }

  async function restart(name) {
    await report(status, () => post(`/debezium/connector/${q(name)}/restart`),
      c => `restart of ${name} asked (${c.state}); the list shows when its tasks run`);
    load().catch(() => {});
  }

  async function remove(name) {
    if (!confirm(`Delete connector ${name}? Its replication slot stays on the database.`)) return;
    await report(status, () => del(`/debezium/connector/${q(name)}/delete/`), `connector ${name} deleted`);
    details.replaceChildren();
    load().catch(() => {});
  }
  // Connectors change state by themselves (a task failing, a slot growing): the list refreshes.
  return every(5000, load);
}
