// Forms built from field descriptions: every field labelled, its hint tied to it, values typed as the API
// expects them, and the API's detail shown beside the form when it refuses.
import {h, statusRegion, report} from './ui.js';

let ids = 0;

function field(f) {
  const id = `f${++ids}-${f.name}`;
  const hintId = f.hint ? `${id}-hint` : undefined;
  const common = {id, name: f.name, 'aria-describedby': hintId, required: f.required};
  let input;
  if (f.type === 'select') {
    input = h('select', common, f.options.map(o => h('option', {value: o, selected: o === f.value}, o)));
  } else if (f.type === 'textarea') {
    input = h('textarea', {...common, rows: 3}, f.value ?? '');
  } else if (f.type === 'checkbox') {
    input = h('input', {...common, type: 'checkbox', checked: f.value === true});
  } else {
    input = h('input', {...common, type: f.type || 'text', value: f.value ?? '', min: f.min,
      autocomplete: f.type === 'password' ? 'new-password' : 'off', list: f.list});
  }
  return h('div', {class: `field ${f.type === 'checkbox' ? 'check' : ''}`},
    h('label', {for: id}, f.label, f.required ? h('span', {class: 'req'}, ' (required)') : ''),
    input,
    f.hint && h('small', {id: hintId, class: 'hint'}, f.hint));
}

/** Reads the form's values: numbers as numbers, JSON fields parsed, empty optional fields left out. */
function values(form, fields) {
  const out = {};
  for (const f of fields) {
    const input = form.elements.namedItem(f.name);
    if (f.type === 'checkbox') { out[f.name] = input.checked; continue; }
    const raw = input.value.trim();
    if (raw === '') continue;
    if (f.type === 'number') out[f.name] = Number(raw);
    else if (f.json) {
      try { out[f.name] = JSON.parse(raw); } catch { throw new Error(`${f.label} must be JSON, e.g. ${f.json}`); }
    } else out[f.name] = raw;
  }
  return out;
}

/**
 * A form: `submit(values)` calls the API; `success(result)` says what happened. The status paragraph shows
 * that, or the API's detail on failure.
 */
export function apiForm({legend, fields, submitLabel, submit, success, name}) {
  const status = statusRegion();
  const form = h('form', {class: 'api-form', 'aria-label': legend, 'data-form': name, novalidate: false},
    h('fieldset', {}, h('legend', {}, legend), fields.map(field)),
    h('button', {type: 'submit'}, submitLabel),
    status);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    await report(status, () => submit(values(form, fields)), success);
  });
  return form;
}
