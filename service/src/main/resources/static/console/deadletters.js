// Dead letters: pick a consumer, see its newest dead-lettered records with why, and send chosen ones back to
// their source topic once the cause is fixed. No automatic refresh: it would clear the choices being made.
import {get, post, q} from './api.js';
import {h, badge, table, definitionList, statusRegion, report, formatTime, showError} from './ui.js';

export function render(main, id) {
  if (!id) return chooseConsumer(main);
  const status = statusRegion();
  const region = h('div', {'aria-live': 'polite', id: 'dead-letters'});
  const selected = new Map();
  const load = async () => {
    selected.clear();
    try {
      const body = await get(`/consumer/dead-letters/${q(id)}?limit=100`);
      region.replaceChildren(letterTable(body.dead_letters, selected));
    } catch (e) { showError(e); }
  };
  const replay = h('button', {type: 'button', onclick: async () => {
    if (!selected.size) { status.className = 'status failed'; status.textContent = '✗ choose letters first'; return; }
    if (!confirm(`Send ${selected.size} letter(s) back to their source topic? Fix the cause first.`)) return;
    const done = await report(status, () => post(`/consumer/dead-letters/${q(id)}/replay`,
      {letters: [...selected.values()]}), r => `${r.replayed} sent back; `
        + Object.entries(r.results).map(([at, result]) => `${at}: ${result}`).join(', '));
    if (done) load();
  }}, 'Send selected back');
  main.append(h('h2', {tabindex: -1}, `Dead letters of ${id}`),
    h('p', {}, 'Records the consumer could not load, newest first, with why. Fix the cause (the target\'s '
      + 'constraint, a column type, the endpoint), then send them back: each goes to the topic it came from '
      + 'once, and the pipeline loads it like any other change. ',
      h('a', {href: `#/pipeline/${q(id)}`}, 'Back to the pipeline')),
    h('div', {class: 'actions'}, replay,
      h('button', {type: 'button', class: 'secondary', onclick: load}, 'Reload')),
    status, region);
  load();
  return null;
}

function letterTable(letters, selected) {
  return table(['Send back', 'When', 'Reason', 'Details', 'Value', 'Replayed'], letters.map(letter => {
    const at = `${letter.topic}/${letter.partition}/${letter.offset}`;
    const box = h('input', {type: 'checkbox', id: `letter-${at}`, 'data-letter': at, disabled: letter.replayed,
      onchange: event => event.target.checked
        ? selected.set(at, {topic: letter.topic, partition: letter.partition, offset: letter.offset})
        : selected.delete(at)});
    return [
      h('span', {}, box, h('label', {for: `letter-${at}`, class: 'visually-hidden'}, `Send back ${at}`)),
      formatTime(letter.timestamp),
      letter.reason || '–',
      definitionList(Object.entries({at, ...letter.details})),
      h('code', {class: 'preview'}, letter.value ?? '(no value)'),
      letter.replayed ? badge('REPLAYED') : 'no'];
  }), 'Dead letters, newest first');
}

function chooseConsumer(main) {
  const region = h('div', {'aria-live': 'polite'});
  main.append(h('h2', {tabindex: -1}, 'Dead letters'),
    h('p', {}, 'Choose a pipeline to see the records it sent to its dead-letter topic.'), region);
  get('/consumer/list').then(list => region.replaceChildren(table(['Consumer', 'Pipeline', 'Topic'],
    list.consumers.map(c => [h('a', {href: `#/dead-letters/${q(c.consumer_id)}`}, c.consumer_id),
      c.pipeline_name || '', c.kafka_topic || '']), 'Consumers'))).catch(showError);
  return null;
}
