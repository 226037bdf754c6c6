// Builds elements from data without ever parsing it as HTML: text goes in as text nodes.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'value') {
      element.value = value;
    } else if (name === 'checked' || name === 'selected') {
      element[name] = Boolean(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A table with a caption; cells may be nodes or text; a number is right-aligned. */
export function table(caption, headers, rows, attributes = {}) {
  const head = h('thead', {}, h('tr', {}, headers.map(label => h('th', { scope: 'col' }, label))));
  const body = h('tbody', {}, rows.map(row => h('tr', {}, row.map(cell =>
    h('td', typeof cell === 'number' ? { class: 'num' } : {}, cell)))));
  return h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
    h('table', attributes, h('caption', {}, caption), head, body));
}

export function message(kind, text) {
  return h('div', { class: 'message ' + kind, role: kind === 'bad' ? 'alert' : 'status' }, text);
}

export function field(label, input, attributes = {}) {
  return h('label', attributes, label, input);
}

export function percent(share) {
  return share === null || share === undefined ? '–' : (share * 100).toFixed(1) + ' %';
}

/** Values of a form's named controls; empty strings left out. */
export function formValues(form) {
  const values = {};
  for (const [name, value] of new FormData(form).entries()) {
    if (typeof value === 'string' && value.trim() !== '') values[name] = value.trim();
  }
  return values;
}

export function lines(text) {
  return (text || '').split(/[\n,]/).map(s => s.trim()).filter(Boolean);
}

export function toast(text) {
  const box = document.getElementById('toast');
  box.textContent = text;
  setTimeout(() => { if (box.textContent === text) box.textContent = ''; }, 6000);
}
