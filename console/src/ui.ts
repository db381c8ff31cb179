import { ApiError, type Coverage } from './api';
import { jname } from './directory';
import { h, replace, type Child } from './dom';
import { label, t, type Key } from './i18n';

/** Shared pieces of every page: error and success messages, the coverage notice, small widgets. */

/** @returns an element that says what went wrong and what to do next. */
export function errorBox(e: unknown): HTMLElement {
  const err =
    e instanceof ApiError ? e : new ApiError('INTERNAL_SERVER_ERROR', e instanceof Error ? e.message : String(e));
  let text: string;
  if (err.code === 'NETWORK') {
    text = t('errNetwork');
  } else if (err.code === 'JURISDICTION_UNAVAILABLE' && err.jurisdiction) {
    text = t('errJURISDICTION_UNAVAILABLE_named', { name: jname(err.jurisdiction) });
  } else if (err.code === 'SERVICE_UNAVAILABLE' && err.service) {
    text = t('errSERVICE_UNAVAILABLE_named', { name: label('service', err.service) });
  } else {
    const key = `err${err.code}` as Key;
    text = t(key in ERROR_KEYS ? key : 'errINTERNAL_SERVER_ERROR');
  }
  return h(
    'div',
    { class: 'msg msg-error', role: 'alert', 'data-code': err.code },
    h('strong', null, text),
    err.fields.length
      ? h(
          'ul',
          { class: 'fields' },
          err.fields.map((f) =>
            h('li', null, h('strong', null, fieldName(f.path)), h('small', null, `（${f.path}）`), '：', f.message),
          ),
        )
      : null,
    err.code !== 'NETWORK' && err.message
      ? h('div', { class: 'detail' }, t('errDetail', { detail: err.message }))
      : null,
  );
}

/** The form label of an input path from BAD_USER_INPUT (`input.incident.title` → 事件名称). */
const FIELD_KEYS: Record<string, Key> = {
  creditCode: 'creditCode',
  name: 'name',
  members: 'membersCount',
  capabilities: 'capabilities',
  range: 'range',
  assemblyMinutes: 'assemblyMinutes',
  base: 'baseLocation',
  phone: 'contactPhone',
  contact: 'contactName',
  equipment: 'equipment',
  targets: 'targets',
  needs: 'needs',
  quantity: 'quantity',
  respondBy: 'respondBy',
  title: 'incidentTitle',
  kind: 'incidentKind',
  severity: 'severity',
  location: 'boardIncident',
  lat: 'lat',
  lng: 'lng',
  address: 'address',
  reason: 'reason',
  note: 'note',
  percent: 'percent',
  offers: 'pickResources',
  grades: 'assessedGrade',
};

function fieldName(path: string): string {
  const parts = path.split(/[.[\]]/).filter((p) => p && !/^\d+$/.test(p));
  for (let i = parts.length - 1; i >= 0; i--) {
    const key = FIELD_KEYS[parts[i]!];
    if (key) return t(key);
  }
  return path;
}

const ERROR_KEYS = {
  errUNAUTHENTICATED: 1,
  errFORBIDDEN: 1,
  errCONFLICT: 1,
  errJURISDICTION_UNAVAILABLE: 1,
  errSERVICE_UNAVAILABLE: 1,
  errBAD_USER_INPUT: 1,
  errNOT_FOUND: 1,
  errINTERNAL_SERVER_ERROR: 1,
};

export function okBox(text: string): HTMLElement {
  return h('div', { class: 'msg msg-ok', role: 'status' }, text);
}

/** Shows a message at the top of the page (replacing the previous one). */
export function flash(el: HTMLElement | null): void {
  const slot = document.getElementById('flash');
  if (!slot) return;
  if (el) replace(slot, el);
  else slot.replaceChildren();
  if (el) slot.scrollIntoView({ block: 'nearest' });
}

/** Runs `action`, showing progress on the button and the outcome in `slot` (or the page flash). */
export async function run(
  button: HTMLButtonElement | null,
  action: () => Promise<string | void>,
  slot?: HTMLElement,
): Promise<boolean> {
  const label = button?.textContent ?? '';
  if (button) {
    button.disabled = true;
    button.textContent = t('working');
  }
  const show = (el: HTMLElement) => (slot ? replace(slot, el) : flash(el));
  try {
    const msg = await action();
    if (msg) show(okBox(msg));
    return true;
  } catch (e) {
    show(errorBox(e));
    return false;
  } finally {
    if (button && button.isConnected) {
      button.disabled = false;
      button.textContent = label;
    }
  }
}

/** Renders the coverage notice: who answered and who did not (hidden when all answered). */
export function renderCoverage(c: Coverage | null): void {
  const el = document.getElementById('coverage');
  if (!el) return;
  if (!c || c.unavailable.length === 0) {
    el.hidden = true;
    el.replaceChildren();
    return;
  }
  const names = (codes: string[]) => codes.map((x) => jname(x)).join('、') || t('none');
  el.hidden = false;
  replace(
    el,
    h('strong', null, t('coverageTitle'), '　'),
    h(
      'span',
      { 'data-missing': c.unavailable.join(' ') },
      t('coverageMissing', { missing: names(c.unavailable), answered: names(c.answered) }),
    ),
  );
}

export function section(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'card' }, h('h2', null, title), ...children);
}

export function field(labelText: string, control: HTMLElement, hint?: string): HTMLElement {
  return h(
    'label',
    { class: 'field' },
    h('span', { class: 'label' }, labelText),
    control,
    hint ? h('small', null, hint) : null,
  );
}

export function select(
  name: string,
  options: [string, string][],
  value?: string,
  attrs: Record<string, string> = {},
): HTMLSelectElement {
  const el = h(
    'select',
    { name, ...attrs },
    options.map(([v, l]) => h('option', { value: v }, l)),
  );
  if (value !== undefined) el.value = value;
  return el;
}

export function badge(text: string, kind = ''): HTMLElement {
  return h('span', { class: `badge ${kind}` }, text);
}

export function table(headers: string[], rows: Child[][], attrs: Record<string, string> = {}): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      attrs,
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          headers.map((x) => h('th', null, x)),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map((r) =>
          h(
            'tr',
            null,
            r.map((c, i) => h('td', { 'data-label': headers[i] ?? '' }, c)),
          ),
        ),
      ),
    ),
  );
}

export function loading(): HTMLElement {
  return h('p', { class: 'loading' }, t('loading'));
}
