import {
  AcceptOfferDocument,
  AcknowledgeRequestDocument,
  CancelRequestDocument,
  CloseRequestDocument,
  ConfirmOfferDocument,
  OwnSocialForcesDocument,
  OwnSuppliesDocument,
  OwnTeamsDocument,
  ReleaseAssignmentDocument,
  ReportAssignmentStatusDocument,
  RequestDetailDocument,
  RequestListDocument,
  RespondToRequestDocument,
  SubmitRequestDocument,
  type AssignmentStatus,
  type IncidentSeverity,
  type RequestDetailQuery,
  type ResponseInput,
  type ResponseKind,
  type TypedDocumentString,
} from '../__generated__/operations';
import { ApiError, gql } from '../api';
import { catalogue, nameIn, type Catalogue } from '../catalogue';
import { directory, entry, jname, nodes } from '../directory';
import { checkedValues, h, replace, selectedValue, type Child } from '../dom';
import { fmtTime, label, t } from '../i18n';
import { badgeChanged, type Route } from '../main';
import { hasRole, me } from '../session';
import { badge, errorBox, field, flash, loading, okBox, run, section, select, table } from '../ui';

/** The request board (issue 4's API, requests.graphql): lists, detail with every action, the timeline, new requests. */
export type RequestDoc = NonNullable<RequestDetailQuery['reinforcementRequest']>;
type Assignment = RequestDoc['assignments'][number];

/** A need line as far as its text goes (the list and the detail select different fields). */
type NeedLine = Pick<RequestDoc['needs'][number], 'kind' | 'teamType' | 'supplyItem' | 'socialCapability' | 'quantity'>;

export function needText(n: NeedLine, cat: Catalogue): string {
  if (n.kind === 'TEAM') return `${nameIn(cat.teamTypes, n.teamType)} × ${n.quantity}`;
  if (n.kind === 'SOCIAL_FORCE') {
    return `${label('resourceKind', 'SOCIAL_FORCE')}·${nameIn(cat.socialCapabilities, n.socialCapability)} × ${n.quantity}`;
  }
  const item = cat.supplyItems.find((x) => x.code === n.supplyItem);
  return `${nameIn(cat.supplyItems, n.supplyItem)} × ${n.quantity}${item ? ` ${item.unit}` : ''}`;
}

function title(r: { label: string; incident: { title: string; exercise: boolean } }): string {
  // The label goes in front exactly once, whether or not the stored title already carries it.
  const bare = r.incident.title.replace(/^(【演练】\s*)+/, '');
  return `${r.incident.exercise ? t('exerciseWatermark') : r.label}${bare}`;
}

function statusBadge(status: string): HTMLElement {
  return badge(label('requestStatus', status), `rs-${status.toLowerCase()}`);
}

// ------------------------------------------------------------------------------------------
// List
// ------------------------------------------------------------------------------------------

export async function renderRequests(main: HTMLElement, route: Route): Promise<void> {
  const dir = route.query.get('dir') === 'OUTGOING' ? 'OUTGOING' : 'INCOMING';
  replace(main, loading());
  const [cat, d] = await Promise.all([catalogue(), gql(RequestListDocument, { f: { direction: dir } })]);
  const rows = d.reinforcementRequests.edges.map(({ node: r }) => [
    h('a', { href: `#/request/${encodeURIComponent(r.id)}`, class: 'req-link' }, r.number),
    h('span', { class: r.incident.exercise ? 'exercise-text' : '' }, title(r)),
    label('severity', r.incident.severity),
    dir === 'INCOMING' ? jname(r.requester.code) : r.targets.map((x) => jname(x.code)).join('、'),
    r.needs.map((n) => needText(n, cat)).join('；'),
    statusBadge(r.status),
    fmtTime(r.respondBy),
  ]);
  replace(
    main,
    section(
      t('requestsTitle'),
      h(
        'div',
        { class: 'tabs' },
        h(
          'a',
          { href: '#/requests?dir=INCOMING', class: dir === 'INCOMING' ? 'active' : '', id: 'tab-incoming' },
          t('incoming'),
        ),
        h(
          'a',
          { href: '#/requests?dir=OUTGOING', class: dir === 'OUTGOING' ? 'active' : '', id: 'tab-outgoing' },
          t('outgoing'),
        ),
        hasRole('commander')
          ? h('a', { href: '#/requests/new', class: 'button small primary' }, t('navNewRequest'))
          : null,
      ),
      rows.length
        ? table(
            [
              t('requestNumber'),
              t('incident'),
              t('severity'),
              dir === 'INCOMING' ? t('requester') : t('targets'),
              t('needs'),
              t('status'),
              t('respondBy'),
            ],
            rows,
            { id: 'request-list' },
          )
        : h('p', null, t('noRequests')),
    ),
  );
}

// ------------------------------------------------------------------------------------------
// Detail
// ------------------------------------------------------------------------------------------

const NEXT: Record<AssignmentStatus, AssignmentStatus[]> = {
  DISPATCHED: ['EN_ROUTE', 'ON_SCENE'],
  EN_ROUTE: ['ON_SCENE'],
  ON_SCENE: [],
  RELEASED: ['RETURNED'],
  RETURNED: [],
};

/** A mutation whose answer the page does not read (it reloads the request instead). */
async function mutate<T, V>(document: TypedDocumentString<T, V>, variables: V): Promise<void> {
  await gql(document, variables);
}

export async function renderRequest(main: HTMLElement, route: Route): Promise<void> {
  const id = route.parts[1] ?? '';
  replace(main, loading());
  const [cat, d] = await Promise.all([catalogue(), gql(RequestDetailDocument, { id })]);
  const r = d.reinforcementRequest;
  if (!r) {
    replace(main, errorBox(new ApiError('NOT_FOUND', '')));
    return;
  }
  const c = me();
  const answering = c.roles.some((x) => x === 'commander' || x === 'duty_officer');
  const isTarget = r.targets.some((x) => x.code === c.jurisdiction) && answering;
  const isRequester = r.requester.code === c.jurisdiction && c.roles.includes('commander');
  const live = ['OPEN', 'PARTIALLY_FILLED', 'FILLED'].includes(r.status);
  const slot = h('div', { id: 'action-result' });
  const reload = async (msg?: string) => {
    await renderRequest(main, route);
    if (msg) flash(okBox(msg));
    badgeChanged();
  };
  const act = <T, V>(btn: HTMLButtonElement, document: TypedDocumentString<T, V>, variables: V) =>
    void run(
      btn,
      async () => {
        await mutate(document, variables);
        await reload(t('done'));
      },
      slot,
    );
  const needById = new Map(r.needs.map((n) => [n.id, n]));

  // Header
  const head = section(
    `${r.number}　${title(r)}`,
    h(
      'dl',
      { class: 'facts' },
      fact(t('status'), statusBadge(r.status)),
      fact(t('requester'), `${jname(r.requester.code)}（${r.requestedBy}）`),
      fact(t('targets'), r.targets.map((x) => jname(x.code)).join('、')),
      fact(t('incidentKind'), r.incident.kind),
      fact(t('severity'), label('severity', r.incident.severity)),
      fact(t('respondBy'), fmtTime(r.respondBy)),
      r.incident.address ? fact(t('address'), r.incident.address) : null,
      fact(t('boardIncident'), `${r.incident.location.lat.toFixed(4)}, ${r.incident.location.lng.toFixed(4)}`),
      r.note ? fact(t('note'), r.note) : null,
      fact(
        t('acknowledgements'),
        r.acknowledgements.map((a) => `${jname(a.jurisdiction.code)}（${a.by} ${fmtTime(a.at)}）`).join('、') ||
          t('none'),
      ),
    ),
    h(
      'div',
      { class: 'row actions' },
      isTarget && live && !r.acknowledgements.some((a) => a.jurisdiction.code === c.jurisdiction)
        ? h(
            'button',
            {
              type: 'button',
              class: 'primary',
              id: 'ack',
              onclick: (e: Event) =>
                act(e.currentTarget as HTMLButtonElement, AcknowledgeRequestDocument, { id: r.id }),
            },
            t('ack'),
          )
        : null,
      isRequester && live ? closeButton(r, slot, reload) : null,
      isRequester && live ? cancelControls(r, slot, reload) : null,
    ),
    slot,
  );

  // Needs
  const needs = section(
    t('needs'),
    table(
      [t('needs'), t('fill'), `${t('offered')} / ${t('accepted')} / ${t('fulfilled')}`],
      r.needs.map((n) => [
        needText(n, cat),
        badge(label('fill', n.fill), `fill-${n.fill.toLowerCase()}`),
        `${n.offeredQuantity} / ${n.acceptedQuantity} / ${n.fulfilledQuantity}`,
      ]),
      { id: 'needs' },
    ),
  );

  // Responses, with accept (requester) and confirm (responder) actions.
  const responses = section(
    t('responses'),
    r.responses.length === 0
      ? h('p', null, t('none'))
      : r.responses.map((resp) =>
          h(
            'div',
            { class: 'response', 'data-responder': resp.responder.code },
            h(
              'h3',
              null,
              `${jname(resp.responder.code)} · ${label('responseKind', resp.kind)}`,
              h('small', null, ` ${resp.by} ${fmtTime(resp.at)}`),
            ),
            resp.reason ? h('p', null, `${t('reason')}：${resp.reason}`) : null,
            resp.offered.length
              ? table(
                  [t('name'), t('needs'), t('quantity'), t('eta'), t('status'), ''],
                  resp.offered.map((o) => [
                    h('strong', null, o.name),
                    needById.get(o.needId) ? needText(needById.get(o.needId)!, cat) : '',
                    String(o.quantity),
                    o.etaMinutes !== null ? t('minutes', { n: o.etaMinutes }) : '—',
                    h(
                      'span',
                      null,
                      badge(label('offerState', o.state), `os-${o.state.toLowerCase()}`),
                      o.reason ? t('rejectedReason', { reason: o.reason }) : '',
                      o.pending
                        ? h('small', { class: 'pending' }, t('pending', { kind: label('pendingKind', o.pending) }))
                        : null,
                    ),
                    h(
                      'span',
                      { class: 'row' },
                      isRequester && live && o.state === 'OFFERED'
                        ? h(
                            'button',
                            {
                              type: 'button',
                              class: 'small primary accept',
                              'data-resource': o.resourceId,
                              onclick: (e: Event) =>
                                act(e.currentTarget as HTMLButtonElement, AcceptOfferDocument, {
                                  id: r.id,
                                  ids: [o.resourceId],
                                }),
                            },
                            t('acceptOffer'),
                          )
                        : null,
                      isTarget &&
                        live &&
                        resp.kind === 'PROVISIONAL' &&
                        o.state === 'OFFERED' &&
                        resp.responder.code === c.jurisdiction
                        ? h(
                            'button',
                            {
                              type: 'button',
                              class: 'small confirm',
                              'data-resource': o.resourceId,
                              onclick: (e: Event) =>
                                act(e.currentTarget as HTMLButtonElement, ConfirmOfferDocument, {
                                  id: r.id,
                                  ids: [o.resourceId],
                                }),
                            },
                            t('confirmOffer'),
                          )
                        : null,
                    ),
                  ]),
                )
              : null,
          ),
        ),
    isTarget && live ? respondForm(r, cat, slot, reload) : null,
  );

  // Assignments with status reports and release.
  const mySide = (a: Assignment) =>
    answering && (c.jurisdiction === r.requester.code || isAncestorOrSelf(c.jurisdiction, a.jurisdiction.code));
  const assignments = section(
    t('assignments'),
    r.assignments.length === 0
      ? h('p', null, t('none'))
      : table(
          [t('name'), t('jurisdiction'), t('status'), t('timeline'), ''],
          r.assignments.map((a) => [
            h('strong', null, a.name),
            jname(a.jurisdiction.code),
            h(
              'span',
              { class: 'assignment-status', 'data-assignment': a.id },
              badge(label('assignmentStatus', a.status), `as-${a.status.toLowerCase()}`),
              a.pending
                ? h('small', { class: 'pending' }, t('pending', { kind: label('pendingKind', a.pending) }))
                : null,
            ),
            a.history.map((x) => `${label('assignmentStatus', x.status)} ${fmtTime(x.at).slice(11)}`).join(' → '),
            mySide(a)
              ? h(
                  'span',
                  { class: 'row' },
                  (NEXT[a.status] ?? []).map((st) =>
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'small report',
                        'data-status': st,
                        onclick: (e: Event) =>
                          act(e.currentTarget as HTMLButtonElement, ReportAssignmentStatusDocument, { a: a.id, s: st }),
                      },
                      t('reportStatus', { status: label('assignmentStatus', st) }),
                    ),
                  ),
                  ['DISPATCHED', 'EN_ROUTE', 'ON_SCENE'].includes(a.status)
                    ? h(
                        'button',
                        {
                          type: 'button',
                          class: 'small release',
                          onclick: (e: Event) =>
                            act(e.currentTarget as HTMLButtonElement, ReleaseAssignmentDocument, { a: a.id }),
                        },
                        t('release'),
                      )
                    : null,
                )
              : null,
          ]),
          { id: 'assignments' },
        ),
  );

  const escalations = r.escalations.length
    ? section(
        t('escalations'),
        h(
          'ul',
          null,
          r.escalations.map((e) =>
            h(
              'li',
              null,
              `#${e.ring} ${fmtTime(e.at)}：${e.silent.map((x) => jname(x.code)).join('、')} → ${e.added.map((x) => jname(x.code)).join('、') || t('none')}`,
            ),
          ),
        ),
      )
    : null;

  const timeline = section(
    t('timeline'),
    h(
      'ol',
      { class: 'timeline', id: 'timeline' },
      r.timeline.map((e) =>
        h(
          'li',
          { 'data-type': e.type },
          h('time', null, fmtTime(e.at)),
          h('span', { class: 'actor' }, `${e.actor}${e.jurisdiction ? `（${jname(e.jurisdiction.code)}）` : ''}`),
          h('span', { class: 'detail' }, e.detail),
        ),
      ),
    ),
  );

  replace(
    main,
    h(
      'div',
      {
        class: `request-detail${r.incident.exercise ? ' exercise' : ''}`,
        id: 'request-detail',
        'data-status': r.status,
      },
      r.incident.exercise
        ? h(
            'div',
            { class: 'watermark', 'aria-hidden': 'true' },
            Array.from({ length: 12 }, () => h('span', null, t('exerciseWatermark'))),
          )
        : null,
      h('a', { href: '#/requests', class: 'back' }, `← ${t('back')}`),
      head,
      needs,
      responses,
      assignments,
      escalations,
      timeline,
    ),
  );
}

function fact(k: string, v: Child): HTMLElement[] {
  return [h('dt', null, k), h('dd', null, v)];
}

function isAncestorOrSelf(ancestor: string, code: string): boolean {
  for (let x: string | null | undefined = code; x; x = entry(x)?.parent) if (x === ancestor) return true;
  return false;
}

function closeButton(r: RequestDoc, slot: HTMLElement, reload: (m?: string) => Promise<void>): HTMLElement {
  return h(
    'button',
    {
      type: 'button',
      id: 'close-request',
      onclick: (e: Event) => {
        if (!window.confirm(t('confirmClose'))) return;
        void run(
          e.currentTarget as HTMLButtonElement,
          async () => {
            await mutate(CloseRequestDocument, { id: r.id });
            await reload(t('done'));
          },
          slot,
        );
      },
    },
    t('closeRequest'),
  );
}

function cancelControls(r: RequestDoc, slot: HTMLElement, reload: (m?: string) => Promise<void>): HTMLElement {
  const reason = h('input', {
    type: 'text',
    name: 'reason',
    placeholder: t('cancelReason'),
    'aria-label': t('cancelReason'),
    required: true,
  });
  return h(
    'form',
    {
      class: 'row inline',
      id: 'cancel-form',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const btn = (e.currentTarget as HTMLFormElement).querySelector('button');
        void run(
          btn,
          async () => {
            await mutate(CancelRequestDocument, { id: r.id, reason: reason.value });
            await reload(t('done'));
          },
          slot,
        );
      },
    },
    reason,
    h('button', { type: 'submit', class: 'danger' }, t('cancelRequest')),
  );
}

/** The target's answer: OFFER / PROVISIONAL / DECLINE with its own resources per need line. */
function respondForm(
  r: RequestDoc,
  cat: Catalogue,
  slot: HTMLElement,
  reload: (m?: string) => Promise<void>,
): HTMLElement {
  const c = me();
  const mine = nodes()
    .filter((e) => isAncestorOrSelf(c.jurisdiction, e.code))
    .map((e) => e.code);
  const kind = select(
    'kind',
    ['OFFER', 'PROVISIONAL', 'DECLINE'].map((k): [string, string] => [k, label('responseKind', k)]),
    'OFFER',
    { id: 'response-kind' },
  );
  const reason = h('input', { type: 'text', name: 'reason', 'aria-label': t('reason') });
  const pickers = h('div', { class: 'pickers' }, loading());
  const form = h(
    'form',
    {
      id: 'respond-form',
      class: 'subform',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const btn = form.querySelector<HTMLButtonElement>('button[type=submit]');
        const offers = checkedValues(form, 'offer').map((v) => {
          const [needId, resourceId] = v.split('|') as [string, string];
          const qty = form.querySelector<HTMLInputElement>(`input[name="qty:${resourceId}"]`);
          return { needId, resourceId, ...(qty ? { quantity: Number(qty.value) } : {}) };
        });
        const answer = selectedValue<ResponseKind>(kind);
        const input: ResponseInput = {
          kind: answer,
          offers: answer === 'DECLINE' ? [] : offers,
          ...(reason.value ? { reason: reason.value } : {}),
        };
        void run(
          btn,
          async () => {
            await mutate(RespondToRequestDocument, { id: r.id, input });
            await reload(t('done'));
          },
          slot,
        );
      },
    },
    h('h3', null, t('respondTitle')),
    field(t('responseKind'), kind),
    h('div', null, h('span', { class: 'label' }, t('pickResources')), pickers),
    field(t('reason'), reason),
    h('button', { type: 'submit', class: 'primary', id: 'respond-submit' }, t('respond')),
  );
  void (async () => {
    const groups: HTMLElement[] = [];
    // A need line names exactly the code of its kind (TEAM: teamType …), hence the `!` below.
    for (const n of r.needs) {
      let opts: { id: string; text: string; qty?: number }[] = [];
      try {
        if (n.kind === 'TEAM') {
          const d = await gql(
            OwnTeamsDocument,
            { f: { types: [n.teamType!], statuses: ['AVAILABLE', 'STANDBY'], near: r.incident.location }, j: mine },
            { partial: true },
          );
          opts = d.teams.edges.map((e) => ({
            id: e.node.id,
            text: `${e.node.name}（${t('tierN', { n: e.node.tier })}，${label('resourceStatus', e.node.status)}，${t('eta')} ${t('minutes', { n: e.etaMinutes ?? 0 })}）`,
          }));
        } else if (n.kind === 'SOCIAL_FORCE') {
          const d = await gql(
            OwnSocialForcesDocument,
            {
              f: {
                capabilities: [n.socialCapability!],
                verifications: ['VERIFIED'],
                statuses: ['AVAILABLE', 'STANDBY'],
                near: r.incident.location,
              },
              j: mine,
            },
            { partial: true },
          );
          opts = d.socialForces.edges.map((e) => ({
            id: e.node.id,
            text: `${e.node.name}（${t('people', { n: e.node.members })}，${t('eta')} ${t('minutes', { n: e.etaMinutes ?? 0 })}）`,
          }));
        } else {
          const d = await gql(
            OwnSuppliesDocument,
            { f: { items: [n.supplyItem!], minAvailable: 1, near: r.incident.location }, j: mine },
            { partial: true },
          );
          opts = d.supplies
            .filter((x) => x.mode === 'PHYSICAL')
            .map((x) => ({
              id: x.id,
              text: `${x.depot.name}（${x.available}）`,
              qty: Math.min(x.available, n.quantity),
            }));
        }
      } catch (e) {
        groups.push(h('div', null, errorBox(e)));
        continue;
      }
      groups.push(
        h(
          'fieldset',
          { class: 'need-pick', 'data-need': n.id },
          h('legend', null, needText(n, cat)),
          opts.length === 0
            ? h('p', { class: 'hint' }, t('noOwnResources'))
            : opts.map((o) =>
                h(
                  'label',
                  { class: 'pick' },
                  h('input', { type: 'checkbox', name: 'offer', value: `${n.id}|${o.id}` }),
                  o.text,
                  o.qty !== undefined
                    ? h('input', {
                        type: 'number',
                        name: `qty:${o.id}`,
                        min: 1,
                        value: o.qty,
                        class: 'qty',
                        'aria-label': t('quantity'),
                      })
                    : null,
                ),
              ),
        ),
      );
    }
    replace(pickers, groups);
  })();
  return form;
}

// ------------------------------------------------------------------------------------------
// New request
// ------------------------------------------------------------------------------------------

export async function renderNewRequest(main: HTMLElement, route: Route): Promise<void> {
  replace(main, loading());
  const cat = await catalogue();
  const c = me();
  const q = route.query;
  const home = entry(c.jurisdiction);
  const lat = q.get('lat') ?? String(home?.location.lat ?? '');
  const lng = q.get('lng') ?? String(home?.location.lng ?? '');
  const slot = h('div');
  const needsBox = h('div', { id: 'need-lines' });
  const addNeed = (kind = 'TEAM', code = '', qty = 1) => {
    const codeSelect = h('select', { name: 'needCode', 'aria-label': t('type') });
    const kindSelect = select(
      'needKind',
      ['TEAM', 'SOCIAL_FORCE', 'SUPPLY'].map((k): [string, string] => [k, label('resourceKind', k)]),
      kind,
      { 'aria-label': t('needKind') },
    );
    const fillCodes = () => {
      const list =
        kindSelect.value === 'TEAM'
          ? cat.teamTypes
          : kindSelect.value === 'SOCIAL_FORCE'
            ? cat.socialCapabilities
            : cat.supplyItems;
      replace(
        codeSelect,
        list.map((x) => h('option', { value: x.code }, currentName(x))),
      );
    };
    kindSelect.addEventListener('change', fillCodes);
    fillCodes();
    if (code) codeSelect.value = code;
    const line = h(
      'div',
      { class: 'need-line row' },
      kindSelect,
      codeSelect,
      h('input', { type: 'number', name: 'needQty', min: 1, value: qty, 'aria-label': t('quantity'), class: 'qty' }),
      h('button', { type: 'button', class: 'small link', onclick: () => line.remove() }, t('removeNeed')),
    );
    needsBox.appendChild(line);
  };
  addNeed(q.get('kind') ?? 'TEAM', q.get('need') ?? '', 1);

  const preTarget = q.get('target');
  const neighbours = new Set(home?.neighbors ?? []);
  const candidates = nodes()
    .filter((e) => e.code !== c.jurisdiction)
    .sort(
      (a, b) =>
        Number(neighbours.has(b.code)) - Number(neighbours.has(a.code)) ||
        Number(b.level === 'DISTRICT') - Number(a.level === 'DISTRICT'),
    );
  const targets = h(
    'div',
    { class: 'checks scroll', id: 'targets' },
    candidates.map((e) =>
      h(
        'label',
        null,
        h('input', {
          type: 'checkbox',
          name: 'target',
          value: e.code,
          checked: preTarget ? preTarget === e.code : false,
        }),
        jname(e.code),
        neighbours.has(e.code) ? h('small', null, `（${t('neighbourHint')}）`) : null,
      ),
    ),
  );
  const latIn = h('input', {
    name: 'lat',
    type: 'number',
    step: 'any',
    value: lat,
    required: true,
    'aria-label': t('lat'),
  });
  const lngIn = h('input', {
    name: 'lng',
    type: 'number',
    step: 'any',
    value: lng,
    required: true,
    'aria-label': t('lng'),
  });
  const centre = select(
    'centre',
    [['', t('filterNearPick')], ...directory().map((e): [string, string] => [e.code, jname(e.code)])],
    '',
    { 'aria-label': t('filterNearPick') },
  );
  centre.addEventListener('change', () => {
    const e = entry(centre.value);
    if (e) {
      latIn.value = String(e.location.lat);
      lngIn.value = String(e.location.lng);
    }
  });
  const key = `console-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const form = h(
    'form',
    {
      id: 'new-request',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const f = e.currentTarget as HTMLFormElement;
        const get = (n: string) => (f.elements.namedItem(n) as HTMLInputElement | null)?.value ?? '';
        const needs = [...needsBox.querySelectorAll('.need-line')].map((line) => {
          const k = (line.querySelector('select[name=needKind]') as HTMLSelectElement).value;
          const code = (line.querySelector('select[name=needCode]') as HTMLSelectElement).value;
          const quantity = Number((line.querySelector('input[name=needQty]') as HTMLInputElement).value);
          return {
            ...(k === 'TEAM'
              ? { teamType: code }
              : k === 'SOCIAL_FORCE'
                ? { socialCapability: code }
                : { supplyItem: code }),
            quantity,
          };
        });
        const input = {
          requester: c.jurisdiction,
          incident: {
            kind: get('incidentKind'),
            title: get('incidentTitle'),
            severity: selectedValue<IncidentSeverity>(f.elements.namedItem('severity') as HTMLSelectElement),
            location: { lat: Number(latIn.value), lng: Number(lngIn.value) },
            ...(get('address') ? { address: get('address') } : {}),
            exercise: (f.elements.namedItem('exercise') as HTMLInputElement).checked,
          },
          needs,
          targets: checkedValues(f, 'target'),
          respondBy: new Date(Date.now() + Number(get('window')) * 60_000).toISOString(),
          ...(get('note') ? { note: get('note') } : {}),
        };
        void run(
          f.querySelector('button[type=submit]'),
          async () => {
            const d = await gql(SubmitRequestDocument, { input, key });
            location.hash = `#/request/${encodeURIComponent(d.submitReinforcementRequest.id)}`;
            setTimeout(() => flash(okBox(t('sent', { number: d.submitReinforcementRequest.number }))), 300);
          },
          slot,
        );
      },
    },
    h(
      'div',
      { class: 'grid2' },
      field(
        t('incidentKind'),
        h('input', { name: 'incidentKind', required: true, placeholder: '危化品泄漏 / 防汛 / 森林火灾…' }),
      ),
      field(t('incidentTitle'), h('input', { name: 'incidentTitle', required: true })),
      field(
        t('severity'),
        select(
          'severity',
          ['GENERAL', 'LARGE', 'MAJOR', 'EXTRAORDINARY'].map((s): [string, string] => [s, label('severity', s)]),
          'LARGE',
        ),
      ),
      field(t('address'), h('input', { name: 'address' })),
    ),
    field(t('boardIncident'), h('div', { class: 'row' }, centre, latIn, lngIn)),
    h(
      'label',
      { class: 'check-line' },
      h('input', { type: 'checkbox', name: 'exercise', id: 'exercise' }),
      t('exerciseCheckbox'),
    ),
    h(
      'div',
      { class: 'field' },
      h('span', { class: 'label' }, t('needs')),
      needsBox,
      h('button', { type: 'button', class: 'small', onclick: () => addNeed() }, t('addNeed')),
    ),
    field(t('chooseTargets'), targets),
    h(
      'div',
      { class: 'grid2' },
      field(
        t('respondWithin'),
        select(
          'window',
          [5, 10, 15, 30, 60].map((m): [string, string] => [String(m), t('minutes', { n: m })]),
          '15',
        ),
      ),
      field(t('note'), h('input', { name: 'note' })),
    ),
    slot,
    h('button', { type: 'submit', class: 'primary', id: 'send-request' }, t('send')),
  );
  replace(main, section(t('newRequestTitle'), form));
}

function currentName(x: { nameZh: string; nameEn: string }): string {
  return document.documentElement.lang === 'en' ? x.nameEn : x.nameZh;
}
