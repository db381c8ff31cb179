import {
  SocialForceSearchDocument,
  TeamSearchDocument,
  type ResourceStatus,
  type SocialForceFilter,
  type TeamFilter,
} from '../__generated__/operations';
import { gql } from '../api';
import { catalogue, nm } from '../catalogue';
import { directory, jname, nodes } from '../directory';
import { checkedValues, h, replace } from '../dom';
import { label, t } from '../i18n';
import type { Route } from '../main';
import { hasRole } from '../session';
import { badge, errorBox, field, loading, section, select, table } from '../ui';

function requestLink(params: Record<string, string | number | undefined>): HTMLElement | null {
  if (!hasRole('commander')) return null;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  return h('a', { class: 'button small', href: `#/requests/new?${q}` }, t('requestReinforcement'));
}

function eta(e: { etaMinutes: number | null; distanceKm: number | null }): string {
  if (e.etaMinutes === null) return '—';
  return `${t('minutes', { n: e.etaMinutes })}${e.distanceKm !== null ? ` · ${t('km', { n: e.distanceKm.toFixed(1) })}` : ''}`;
}

/** Team and social-group search across the network (search.graphql), with filters and ETA order. */
export async function renderSearch(main: HTMLElement, route: Route): Promise<void> {
  replace(main, loading());
  const cat = await catalogue();
  const q = route.query;
  const what = q.get('what') === 'social' ? 'social' : 'teams';
  const lat = q.get('lat') ?? '';
  const lng = q.get('lng') ?? '';
  const chosen = (q.get('j') ?? '').split(',').filter(Boolean);
  const types = (q.get('types') ?? '').split(',').filter(Boolean);
  const statuses = (q.get('statuses') ?? 'AVAILABLE,STANDBY').split(',').filter(Boolean);

  const typeBoxes = h(
    'div',
    { class: 'checks scroll' },
    (what === 'teams' ? cat.teamTypes : cat.socialCapabilities).map((x) =>
      h(
        'label',
        null,
        h('input', { type: 'checkbox', name: 'types', value: x.code, checked: types.includes(x.code) }),
        nm(x),
      ),
    ),
  );
  const statusBoxes = h(
    'div',
    { class: 'checks' },
    ['AVAILABLE', 'STANDBY', 'RESERVED', 'DEPLOYED', 'OUT_OF_SERVICE'].map((s) =>
      h(
        'label',
        null,
        h('input', { type: 'checkbox', name: 'statuses', value: s, checked: statuses.includes(s) }),
        label('resourceStatus', s),
      ),
    ),
  );
  const jBoxes = h(
    'div',
    { class: 'checks scroll' },
    nodes().map((e) =>
      h(
        'label',
        null,
        h('input', { type: 'checkbox', name: 'j', value: e.code, checked: chosen.includes(e.code) }),
        jname(e.code),
      ),
    ),
  );
  const latIn = h('input', {
    name: 'lat',
    type: 'number',
    step: 'any',
    value: lat,
    placeholder: t('lat'),
    'aria-label': t('lat'),
  });
  const lngIn = h('input', {
    name: 'lng',
    type: 'number',
    step: 'any',
    value: lng,
    placeholder: t('lng'),
    'aria-label': t('lng'),
  });
  const centre = select(
    'centre',
    [['', t('filterNearPick')], ...directory().map((e): [string, string] => [e.code, jname(e.code)])],
    '',
    { 'aria-label': t('filterNearPick') },
  );
  centre.addEventListener('change', () => {
    const e = directory().find((x) => x.code === centre.value);
    if (e) {
      latIn.value = String(e.location.lat);
      lngIn.value = String(e.location.lng);
    }
  });
  const maxTier = select(
    'maxTier',
    [
      ['', t('filterAnyTier')],
      ['1', t('tierN', { n: 1 })],
      ['2', t('tierN', { n: 2 })],
      ['3', t('tierN', { n: 3 })],
      ['4', t('tierN', { n: 4 })],
    ],
    q.get('maxTier') ?? '',
  );
  const results = h('div', { id: 'results' });

  const form = h(
    'form',
    {
      id: 'search-form',
      class: 'filters',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const p = new URLSearchParams();
        if (what === 'social') p.set('what', 'social');
        const ty = checkedValues(form, 'types');
        if (ty.length) p.set('types', ty.join(','));
        p.set('statuses', checkedValues(form, 'statuses').join(','));
        const js = checkedValues(form, 'j');
        if (js.length) p.set('j', js.join(','));
        if (latIn.value && lngIn.value) {
          p.set('lat', latIn.value);
          p.set('lng', lngIn.value);
        }
        if (maxTier.value) p.set('maxTier', maxTier.value);
        p.set('go', '1');
        const next = `#/search?${p}`;
        if (location.hash === next) void renderSearch(main, { ...route, query: p });
        else location.hash = next;
      },
    },
    h(
      'div',
      { class: 'grid2' },
      field(what === 'teams' ? t('filterTypes') : t('filterCapabilities'), typeBoxes),
      field(t('filterJurisdictions'), jBoxes, t('filterAllJurisdictions')),
    ),
    h(
      'div',
      { class: 'grid3' },
      what === 'teams' ? field(t('filterStatuses'), statusBoxes) : null,
      what === 'teams' ? field(t('filterMaxTier'), maxTier) : null,
      field(t('filterNear'), h('div', { class: 'row' }, centre, latIn, lngIn)),
    ),
    h('button', { type: 'submit', class: 'primary', id: 'search-button' }, t('search')),
  );
  const tabs = h(
    'div',
    { class: 'tabs' },
    h('a', { href: '#/search', class: what === 'teams' ? 'active' : '', id: 'tab-teams' }, t('searchTeams')),
    h(
      'a',
      { href: '#/search?what=social', class: what === 'social' ? 'active' : '', id: 'tab-social' },
      t('searchSocial'),
    ),
  );
  replace(main, section(t('searchTitle'), tabs, form), results);
  if (!q.has('go') && !q.has('types') && !q.has('lat')) return;

  replace(results, loading());
  const near = lat && lng ? { lat: Number(lat), lng: Number(lng) } : undefined;
  try {
    if (what === 'teams') {
      const filter: TeamFilter = {
        ...(types.length ? { types } : {}),
        // From the address bar as typed; the registry refuses an unknown status (BAD_USER_INPUT).
        ...(statuses.length ? { statuses: statuses as ResourceStatus[] } : {}),
        ...(near ? { near } : {}),
        ...(q.get('maxTier') ? { maxTier: Number(q.get('maxTier')) } : {}),
      };
      const d = await gql(
        TeamSearchDocument,
        { filter, orderBy: near ? 'ETA' : 'NAME', first: 100, ...(chosen.length ? { j: chosen } : {}) },
        { partial: true },
      );
      replace(
        results,
        section(
          t('resultCount', { n: d.teams.totalCount }),
          d.teams.edges.length === 0
            ? h('p', null, t('noResults'))
            : table(
                [
                  t('name'),
                  t('jurisdiction'),
                  t('type'),
                  t('tier'),
                  t('headcount'),
                  t('status'),
                  t('eta'),
                  t('contact'),
                  '',
                ],
                d.teams.edges.map((e) => [
                  h('strong', { class: 'team-name' }, e.node.name),
                  jname(e.node.jurisdiction.code),
                  nm(e.node.type),
                  t('tierN', { n: e.node.tier }),
                  String(e.node.headcount),
                  badge(label('resourceStatus', e.node.status), e.node.status.toLowerCase()),
                  eta(e),
                  `${e.node.contact.name} ${e.node.contact.phone ?? ''}`,
                  requestLink({
                    kind: 'TEAM',
                    need: e.node.type.code,
                    target: e.node.jurisdiction.code,
                    lat: near?.lat,
                    lng: near?.lng,
                  }),
                ]),
                { id: 'team-results' },
              ),
        ),
      );
    } else {
      const filter: SocialForceFilter = {
        ...(types.length ? { capabilities: types } : {}),
        verifications: ['VERIFIED'],
        ...(near ? { near } : {}),
      };
      const d = await gql(
        SocialForceSearchDocument,
        { filter, orderBy: near ? 'ETA' : 'NAME', ...(chosen.length ? { j: chosen } : {}) },
        { partial: true },
      );
      replace(
        results,
        section(
          t('resultCount', { n: d.socialForces.totalCount }),
          d.socialForces.edges.length === 0
            ? h('p', null, t('noResults'))
            : table(
                [
                  t('name'),
                  t('jurisdiction'),
                  t('capabilities'),
                  t('members'),
                  t('status'),
                  t('eta'),
                  t('contact'),
                  '',
                ],
                d.socialForces.edges.map((e) => [
                  h('strong', { class: 'team-name' }, e.node.name),
                  jname(e.node.jurisdiction.code),
                  e.node.capabilities.map((c) => `${nm(c.capability)}（${label('grade', c.grade)}）`).join('、'),
                  String(e.node.members),
                  badge(label('resourceStatus', e.node.status), e.node.status.toLowerCase()),
                  eta(e),
                  `${e.node.contact.name} ${e.node.contact.phone ?? ''}`,
                  requestLink({
                    kind: 'SOCIAL_FORCE',
                    need: e.node.capabilities[0]?.capability.code,
                    target: e.node.jurisdiction.code,
                    lat: near?.lat,
                    lng: near?.lng,
                  }),
                ]),
                { id: 'social-results' },
              ),
        ),
      );
    }
  } catch (e) {
    replace(results, errorBox(e));
  }
}
