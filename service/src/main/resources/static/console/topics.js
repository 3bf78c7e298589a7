// Topics: the list, a topic's configuration, and create / update / delete with the seed's fields.
import {get, post, patch, del, q} from './api.js';
import {h, table, definitionList, statusRegion, report, showError} from './ui.js';
import {apiForm} from './form.js';

const RETENTION_HINT = '0 or empty: the broker default; -1: unlimited.';
const CREATE = [
  {name: 'topic_name', label: 'Topic name', required: true, hint: 'Letters, digits, ".", "_" or "-".'},
  {name: 'num_partitions', label: 'Partitions', type: 'number', min: 1, required: true, value: 3},
  {name: 'replication_factor', label: 'Replication factor', type: 'number', min: 1, required: true, value: 1,
    hint: 'At most the number of brokers.'},
  {name: 'retention_ms', label: 'Retention (ms)', type: 'number', value: 604800000, hint: RETENTION_HINT},
  {name: 'retention_bytes', label: 'Retention (bytes)', type: 'number', value: 1073741824,
    hint: `Per partition. ${RETENTION_HINT}`},
];
const UPDATE = [
  {name: 'topic_name', label: 'Topic name', required: true},
  {name: 'retention_ms', label: 'Retention (ms)', type: 'number', hint: `Empty: unchanged. ${RETENTION_HINT}`},
  {name: 'retention_bytes', label: 'Retention (bytes)', type: 'number', hint: `Empty: unchanged. ${RETENTION_HINT}`},
];

export function render(main) {
  const list = h('div', {'aria-live': 'polite'});
  const details = h('div', {'aria-live': 'polite'});
  const status = statusRegion();
  main.append(h('h2', {tabindex: -1}, 'Topics'), list, status, details,
    apiForm({legend: 'Create a topic', name: 'topic-create', fields: CREATE, submitLabel: 'Create topic',
      submit: body => post('/topic/create', body), success: t => { load(); return `topic ${t.topic_name} created`; }}),
    apiForm({legend: 'Update a topic\'s retention', name: 'topic-update', fields: UPDATE,
      submitLabel: 'Update topic', submit: body => patch('/topic/update', body),
      success: t => { show(t.topic_name); return `topic ${t.topic_name} updated`; }}));

  async function load() {
    try {
      const topics = await get('/topic/list');
      list.replaceChildren(table(['Topic', 'Actions'], topics.map(name => [name, h('div', {class: 'actions'},
        h('button', {type: 'button', class: 'secondary', onclick: () => show(name)}, `Configuration of ${name}`),
        h('button', {type: 'button', class: 'danger', onclick: () => remove(name)}, `Delete ${name}`))]),
      'Topics (internal ones excluded)'));
    } catch (e) { showError(e); }
  }

  async function show(name) {
    const t = await report(status, () => get(`/topic/config?topic_name=${q(name)}`), `configuration of ${name}`);
    if (!t) return;
    details.replaceChildren(h('h3', {}, `Topic ${t.topic_name}`), definitionList([
      ['Partitions', t.num_partitions], ['Replication factor', t.replication_factor],
      ['Set on the topic', t.overrides.join(', ') || 'nothing (all inherited)'],
      ...Object.entries(t.config).filter(([k]) => t.overrides.includes(k) || k.startsWith('retention'))]));
  }

  async function remove(name) {
    if (!confirm(`Delete topic ${name} and every record in it?`)) return;
    await report(status, () => del(`/topic/delete?topic_name=${q(name)}`), `topic ${name} deleted`);
    details.replaceChildren();
    load();
  }
  load();
}
