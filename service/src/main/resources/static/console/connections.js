// Connections: the targets, secrets as the API masks them (****), a test button, and a create form per type.
import {get, post, del, q} from './api.js';
import {h, table, statusRegion, report, showError} from './ui.js';
import {apiForm} from './form.js';

const ID = {name: 'connection_id', label: 'Connection id', required: true,
  hint: 'Letters, digits, ".", "_" or "-"; consumers name it.'};
const TYPES = {
  postgres: [ID,
    {name: 'jdbc_url', label: 'JDBC URL', required: true, value: 'jdbc:postgresql://localhost:5432/warehouse',
      hint: 'jdbc:postgresql://host:port/database'},
    {name: 'username', label: 'User', required: true, value: 'warehouse'},
    {name: 'password', label: 'Password', type: 'password', hint: 'Stored sealed when SPILLWAY_SECRET_KEY is set; '
      + 'always shown as ****.'},
    {name: 'schema', label: 'Schema', value: 'public', hint: 'Where the target tables live.'}],
  http: [ID,
    {name: 'url', label: 'URL', required: true, hint: 'http(s) endpoint called once per closed window.'},
    {name: 'method', label: 'Method', type: 'select', options: ['POST', 'PUT', 'PATCH', 'GET', 'DELETE'],
      value: 'POST'},
    {name: 'headers', label: 'Headers (JSON)', type: 'textarea', json: '{"Authorization": "Bearer …"}',
      hint: 'A JSON object; secret header values are shown as ****.'},
    {name: 'timeout_ms', label: 'Timeout (ms)', type: 'number', min: 1, value: 10000},
    {name: 'body_template', label: 'Body template', type: 'textarea',
      hint: 'Optional JSON body with {{pipeline}}, {{window_id}}, {{event_count}} placeholders.'}],
  redis: [ID,
    {name: 'url', label: 'Redis URL', required: true, value: 'redis://localhost:6379/0',
      hint: 'redis:// or rediss://, optionally with [user:]password@; the password is shown as ****.'},
    {name: 'key_prefix', label: 'Key prefix', value: 'spillway:cache:'}],
};

export function render(main) {
  const list = h('div', {'aria-live': 'polite'});
  const status = statusRegion();
  const formSlot = h('div', {});
  const typeSelect = h('select', {id: 'connection-type', name: 'type'},
    Object.keys(TYPES).map(t => h('option', {value: t}, t)));
  typeSelect.addEventListener('change', () => showForm(typeSelect.value));
  main.append(h('h2', {tabindex: -1}, 'Connections'), list, status,
    h('h3', {}, 'Create a connection'),
    h('div', {class: 'field'}, h('label', {for: 'connection-type'}, 'Type'), typeSelect), formSlot);

  function showForm(type) {
    formSlot.replaceChildren(apiForm({legend: `A ${type} connection`, name: `connection-${type}`,
      fields: TYPES[type], submitLabel: `Create ${type} connection`,
      submit: body => post('/connection/create', {...body, type}),
      success: c => { load(); return `connection ${c.connection_id} created`; }}));
  }

  async function load() {
    try {
      const connections = await get('/connection/list');
      list.replaceChildren(table(['Connection', 'Type', 'Target', 'Actions'], connections.map(c => [
        c.connection_id, c.type, c.jdbc_url || c.url || '',
        h('div', {class: 'actions'},
          h('button', {type: 'button', class: 'secondary', onclick: () => test(c.connection_id)},
            `Test ${c.connection_id}`),
          h('button', {type: 'button', class: 'danger', onclick: () => remove(c.connection_id)},
            `Delete ${c.connection_id}`))]), 'Registered connections'));
    } catch (e) { showError(e); }
  }

  async function test(id) {
    const result = await report(status, () => post(`/connection/test?connection_id=${q(id)}`),
      r => `${id}: ${r.ok ? 'reachable' : 'NOT reachable'}: ${r.message} (${r.latency_ms} ms)`);
    if (result && !result.ok) status.className = 'status failed';
  }

  async function remove(id) {
    if (!confirm(`Delete connection ${id}? Consumers using it stop loading.`)) return;
    await report(status, () => del(`/connection/delete?connection_id=${q(id)}`), `connection ${id} deleted`);
    load();
  }
  showForm('postgres');
  load();
}
