import { TeamSearchDocument, type TeamFilter } from '../__generated__/operations';
import { gql } from '../api';
import { catalogue, nm } from '../catalogue';
import { directory, jname, type DirEntry } from '../directory';
import { h, replace, s } from '../dom';
import { label, t } from '../i18n';
import type { Route } from '../main';
import { hasRole } from '../session';
import { errorBox, field, loading, section, select, table } from '../ui';

/**
 * 一张图: an offline SVG map drawn from the jurisdictions' coordinates (no tiles), the available
 * teams by type per jurisdiction, an incident point set by a click, and ETA rings around it.
 * Map units are kilometres, so a ring's radius is the registry's travel model read backwards:
 * travel minutes = ⌈60 × 1.3 × km / 50⌉.
 */
const ROAD_FACTOR = 1.3;
const SPEED_KMH = 50;
const RINGS = [15, 30, 60];

export function ringKm(minutes: number): number {
  return (minutes * SPEED_KMH) / (60 * ROAD_FACTOR);
}

interface Projection {
  x(lng: number): number;
  y(lat: number): number;
  lng(x: number): number;
  lat(y: number): number;
  box: [number, number, number, number];
}

function projection(entries: DirEntry[]): Projection {
  const lats = entries.map((e) => e.location.lat);
  const lngs = entries.map((e) => e.location.lng);
  const lat0 = Math.max(...lats);
  const lng0 = Math.min(...lngs);
  const kx = 111.32 * Math.cos(((Math.min(...lats) + lat0) / 2) * (Math.PI / 180));
  const ky = 110.57;
  const pad = 5;
  const w = (Math.max(...lngs) - lng0) * kx;
  const hgt = (lat0 - Math.min(...lats)) * ky;
  return {
    x: (lng) => (lng - lng0) * kx,
    y: (lat) => (lat0 - lat) * ky,
    lng: (x) => lng0 + x / kx,
    lat: (y) => lat0 - y / ky,
    box: [-pad, -pad, w + 2 * pad, hgt + 2 * pad],
  };
}

/** Names without their parenthesised aliases, so that labels stay short on the map. */
function shortName(code: string): string {
  return jname(code).replace(/[（(].*$/, '');
}

const TYPE_COLORS = ['#c0392b', '#2471a3', '#1e8449', '#b9770e', '#7d3c98', '#117a65', '#a04000', '#2e4053'];

export async function renderBoard(main: HTMLElement, route: Route): Promise<void> {
  replace(main, loading());
  const cat = await catalogue();
  const type = route.query.get('type') ?? '';
  const lat = Number(route.query.get('lat'));
  const lng = Number(route.query.get('lng'));
  const incident = route.query.has('lat') && Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : null;

  const entries = directory().filter((e) => e.level !== 'CITY');
  const p = projection(entries);
  const typeSelect = select(
    'type',
    [['', t('anyType')], ...cat.teamTypes.map((x): [string, string] => [x.code, nm(x)])],
    type,
    { id: 'board-type' },
  );
  typeSelect.addEventListener('change', () => go({ type: typeSelect.value }));
  const side = h('div', { class: 'board-side' });
  const counts = h('div', { id: 'board-counts' });
  const svg = s('svg', {
    id: 'map',
    viewBox: p.box.join(' '),
    role: 'img',
    'aria-label': t('boardTitle'),
    preserveAspectRatio: 'xMidYMid meet',
  });
  replace(
    main,
    section(
      t('boardTitle'),
      h('p', { class: 'hint' }, t('boardHint')),
      h('div', { class: 'row' }, field(t('boardTypeFilter'), typeSelect)),
    ),
    h('div', { class: 'board' }, h('div', { class: 'map-wrap' }, svg), side),
    counts,
  );

  function go(change: Record<string, string | number | null>): void {
    const q = new URLSearchParams(route.query);
    for (const [k, v] of Object.entries(change)) {
      if (v === null || v === '') q.delete(k);
      else q.set(k, String(v));
    }
    location.hash = `#/board?${q}`;
  }

  // Base map: links between neighbours, then every jurisdiction.
  const g = s('g', { class: 'links' });
  const seen = new Set<string>();
  for (const e of entries) {
    for (const n of e.neighbors) {
      const o = entries.find((x) => x.code === n);
      const key = [e.code, n].sort().join('|');
      if (!o || seen.has(key)) continue;
      seen.add(key);
      g.appendChild(
        s('line', {
          x1: p.x(e.location.lng),
          y1: p.y(e.location.lat),
          x2: p.x(o.location.lng),
          y2: p.y(o.location.lat),
        }),
      );
    }
  }
  svg.appendChild(g);
  const teamLayer = s('g', { class: 'teams' });
  const ringLayer = s('g', { class: 'rings' });
  const places = s('g', { class: 'places' });
  for (const e of entries) {
    const district = e.level === 'DISTRICT';
    places.appendChild(
      s(
        'g',
        { class: `place ${district ? 'district' : 'town'}`, 'data-code': e.code },
        s('circle', { cx: p.x(e.location.lng), cy: p.y(e.location.lat), r: district ? 1.1 : 0.45 }),
        s(
          'text',
          { x: p.x(e.location.lng) + (district ? 1.5 : 0.7), y: p.y(e.location.lat) + (district ? 0.7 : 0.35) },
          shortName(e.code),
        ),
      ),
    );
  }
  svg.append(ringLayer, teamLayer, places);
  svg.addEventListener('click', (ev: MouseEvent) => {
    const m = (svg as SVGGraphicsElement).getScreenCTM();
    if (!m) return;
    const pt = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(m.inverse());
    go({ lat: p.lat(pt.y).toFixed(4), lng: p.lng(pt.x).toFixed(4) });
  });
  if (incident) {
    const cx = p.x(incident.lng);
    const cy = p.y(incident.lat);
    for (const m of [...RINGS].reverse()) {
      ringLayer.appendChild(s('circle', { class: `ring ring-${m}`, cx, cy, r: ringKm(m) }));
      ringLayer.appendChild(
        s(
          'text',
          { class: 'ring-label', x: cx + ringKm(m) * 0.7071 + 0.5, y: cy - ringKm(m) * 0.7071 - 0.5 },
          t('ring', { n: m }),
        ),
      );
    }
    ringLayer.appendChild(
      s('path', {
        class: 'incident',
        id: 'incident-marker',
        d: `M${cx - 1},${cy - 1} L${cx + 1},${cy + 1} M${cx + 1},${cy - 1} L${cx - 1},${cy + 1}`,
      }),
    );
  }

  // Teams: available and on standby, of the chosen type, across the network.
  const filter: TeamFilter = {
    statuses: ['AVAILABLE', 'STANDBY'],
    ...(type ? { types: [type] } : {}),
    ...(incident ? { near: incident } : {}),
  };
  try {
    const d = await gql(
      TeamSearchDocument,
      { filter, orderBy: incident ? 'ETA' : 'NAME', first: 500 },
      { partial: true },
    );
    const typeColor = new Map<string, string>();
    for (const e of d.teams.edges) {
      if (!typeColor.has(e.node.type.code)) {
        typeColor.set(e.node.type.code, TYPE_COLORS[typeColor.size % TYPE_COLORS.length]!);
      }
      teamLayer.appendChild(
        s(
          'circle',
          {
            class: `team ${e.node.status.toLowerCase()}`,
            cx: p.x(e.node.base.lng),
            cy: p.y(e.node.base.lat),
            r: 0.45,
            fill: typeColor.get(e.node.type.code) ?? '#333',
          },
          s('title', null, `${e.node.name}（${nm(e.node.type)}，${label('resourceStatus', e.node.status)}）`),
        ),
      );
    }
    // Side: the incident and the fastest teams, or how to set one.
    const within = incident ? d.teams.edges.filter((e) => e.etaMinutes !== null) : [];
    replace(
      side,
      h('h3', null, t('boardIncident')),
      incident
        ? h(
            'div',
            null,
            h('p', { id: 'incident-point' }, `${incident.lat.toFixed(4)}, ${incident.lng.toFixed(4)}`),
            h(
              'div',
              { class: 'row' },
              h(
                'a',
                {
                  class: 'button small',
                  href: `#/search?lat=${incident.lat}&lng=${incident.lng}&go=1${type ? `&types=${type}` : ''}`,
                },
                t('boardSearchHere'),
              ),
              hasRole('commander')
                ? h(
                    'a',
                    {
                      class: 'button small primary',
                      href: `#/requests/new?lat=${incident.lat}&lng=${incident.lng}${type ? `&kind=TEAM&need=${type}` : ''}`,
                    },
                    t('boardRequestHere'),
                  )
                : null,
            ),
            h('h3', null, t('boardNearest')),
            h(
              'ol',
              { class: 'nearest', id: 'nearest' },
              within
                .slice(0, 8)
                .map((e) =>
                  h(
                    'li',
                    null,
                    h('strong', null, e.node.name),
                    ` · ${jname(e.node.jurisdiction.code)} · ${t('minutes', { n: e.etaMinutes ?? 0 })}`,
                  ),
                ),
            ),
          )
        : h('p', null, t('boardNoIncident')),
      h('h3', null, t('boardAvailable'), ` ${d.teams.totalCount}`),
      h(
        'ul',
        { class: 'legend' },
        [...typeColor].map(([code, color]) =>
          h(
            'li',
            null,
            h('span', { class: 'swatch', style: `background:${color}` }),
            nm(cat.teamTypes.find((x) => x.code === code)),
          ),
        ),
      ),
    );
    // Counts by jurisdiction and type.
    const by = new Map<string, Map<string, number>>();
    for (const e of d.teams.edges) {
      const j = by.get(e.node.jurisdiction.code) ?? new Map<string, number>();
      j.set(e.node.type.code, (j.get(e.node.type.code) ?? 0) + 1);
      by.set(e.node.jurisdiction.code, j);
    }
    const rows = [...by].sort((a, b) => a[0].localeCompare(b[0]));
    replace(
      counts,
      section(
        t('boardByJurisdiction'),
        table(
          [t('jurisdiction'), t('boardAvailable'), t('type')],
          rows.map(([code, types]) => [
            h('strong', null, jname(code)),
            String([...types.values()].reduce((a, b) => a + b, 0)),
            [...types].map(([tc, n]) => `${nm(cat.teamTypes.find((x) => x.code === tc))} ${n}`).join('、'),
          ]),
          { id: 'board-table' },
        ),
      ),
    );
  } catch (e) {
    replace(side, errorBox(e));
  }
}
