// Builds DOM nodes. Strings always become text nodes: user data never goes through innerHTML.

/** el('p', {class: 'x', dataset: {n: 1}, onclick: fn}, 'text', child, ...) */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'dataset') {
      for (const [key, v] of Object.entries(value)) node.dataset[key] = String(v);
    } else if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2), value);
    } else if (name === 'text') {
      node.textContent = String(value);
    } else if (name === 'style') {
      node.style.cssText = String(value); // through the CSSOM: the Content-Security-Policy refuses style attributes
    } else if (value === true) {
      node.setAttribute(name, '');
    } else {
      node.setAttribute(name, String(value));
    }
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** A labelled input or select inside a div.field; the id ties the label to the control. */
export function field(labelText, control, hint) {
  const hintNode = hint ? el('span', { class: 'hint', id: control.id + '-hint' }, hint) : null;
  if (hintNode) control.setAttribute('aria-describedby', hintNode.id);
  return el('div', { class: 'field' }, el('label', { for: control.id }, labelText), control, hintNode);
}

export function select(id, name, options, value) {
  const node = el('select', { id, name });
  for (const option of options) {
    const [optionValue, optionLabel] = Array.isArray(option) ? option : [option, option];
    node.append(el('option', { value: optionValue, selected: optionValue === value }, optionLabel));
  }
  return node;
}

/** A problem+json (or any error) shown to the user, as text. */
export function problem(error) {
  return el('div', { class: 'problem', role: 'alert' }, error && error.message ? error.message : String(error));
}

/**
 * A search snippet whose matches the API wrapped in <mark> (the rest HTML-escaped): rebuilt as
 * text nodes and <mark> elements, so nothing from the data is ever parsed as HTML.
 */
export function highlighted(snippet) {
  const container = document.createDocumentFragment();
  const parts = String(snippet ?? '').split(/(<mark>|<\/mark>)/);
  let marked = false;
  for (const part of parts) {
    if (part === '<mark>') { marked = true; continue; }
    if (part === '</mark>') { marked = false; continue; }
    if (!part) continue;
    const text = unescapeHtml(part);
    container.append(marked ? el('mark', {}, text) : document.createTextNode(text));
  }
  return container;
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeHtml(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

const RTL_FIRST_STRONG = /^[^A-Za-z\u00C0-\u024F\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]*[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/** 'rtl' when the text's first strong character is Hebrew/Arabic script, else 'auto'. */
export function textDirection(text, language) {
  if (language && /^(ar|fa|ur|he|ps|yi)\b/i.test(language)) return 'rtl';
  return RTL_FIRST_STRONG.test(String(text ?? '')) ? 'rtl' : 'auto';
}

export function formatNumber(n) {
  return n === null || n === undefined ? '—' : Number(n).toLocaleString('en');
}

export function formatRate(rate) {
  return rate === null || rate === undefined ? '—' : (rate * 100).toFixed(1) + '%';
}

/** Tells screen readers what changed (a polite live region). */
export function announce(message) {
  const announcer = document.getElementById('announcer');
  if (announcer) announcer.textContent = message;
}
