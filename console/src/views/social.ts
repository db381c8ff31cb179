import {
  MySocialForcesDocument,
  RegisterSocialForceDocument,
  ReviewSocialForceDocument,
  SocialForceReviewDocument,
  type CapabilityGrade,
  type OperatingRange,
  type SocialForceFieldsFragment,
  type SocialForceInput,
} from '../__generated__/operations';
import { gql } from '../api';
import { catalogue, nm } from '../catalogue';
import { entry, jname, nodes } from '../directory';
import { checkedValues, h, replace, selectedValue } from '../dom';
import { enumValues, fmtTime, label, t } from '../i18n';
import type { Route } from '../main';
import { hasRole, me } from '../session';
import { badge, errorBox, field, loading, okBox, run, section, select, table } from '../ui';

/** Social rescue groups (social.graphql): self-registration, and the registrar's review queue. */
type Force = SocialForceFieldsFragment;

function isBelow(ancestor: string, code: string): boolean {
  for (let x: string | null | undefined = code; x; x = entry(x)?.parent) if (x === ancestor) return true;
  return false;
}

const GRADES = (): [string, string][] => enumValues('grade').map((g): [string, string] => [g, label('grade', g)]);

export async function renderSocialRegister(main: HTMLElement, _route: Route): Promise<void> {
  replace(main, loading());
  const cat = await catalogue();
  const c = me();
  const home = entry(c.jurisdiction);
  const slot = h('div', { id: 'register-result' });
  const caps = h(
    'div',
    { class: 'checks scroll caps' },
    cat.socialCapabilities.map((x) =>
      h(
        'div',
        { class: 'cap-line' },
        h('label', null, h('input', { type: 'checkbox', name: 'cap', value: x.code }), nm(x)),
        select(`grade:${x.code}`, GRADES(), 'UNGRADED', { 'aria-label': `${nm(x)} ${t('assessedGrade')}` }),
      ),
    ),
  );
  const mine = h('div', { id: 'my-groups' });
  const form = h(
    'form',
    {
      id: 'register-form',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const f = e.currentTarget as HTMLFormElement;
        const get = (n: string) => ((f.elements.namedItem(n) as HTMLInputElement | null)?.value ?? '').trim();
        const equipment = get('equipment')
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .map((l) => {
            const m = /^(.*?)[\s×x*]+(\d+)$/.exec(l);
            return m ? { name: m[1]!.trim(), quantity: Number(m[2]) } : { name: l, quantity: 1 };
          });
        const input: SocialForceInput = {
          name: get('name'),
          creditCode: get('creditCode').toUpperCase(),
          capabilities: checkedValues(f, 'cap').map((code) => ({
            capability: code,
            grade: selectedValue<CapabilityGrade>(f.elements.namedItem(`grade:${code}`) as HTMLSelectElement),
          })),
          members: Number(get('members')),
          equipment,
          base: { lat: Number(get('lat')), lng: Number(get('lng')) },
          range: selectedValue<OperatingRange>(f.elements.namedItem('range') as HTMLSelectElement),
          assemblyMinutes: Number(get('assemblyMinutes')),
          contact: { name: get('contactName'), ...(get('contactPhone') ? { phone: get('contactPhone') } : {}) },
        };
        void run(
          f.querySelector('button[type=submit]'),
          async () => {
            const d = await gql(RegisterSocialForceDocument, { j: c.jurisdiction, input });
            f.reset();
            await listMine();
            return t('registered', { name: d.registerSocialForce.name });
          },
          slot,
        );
      },
    },
    h('p', null, t('socialRegisterIntro', { jurisdiction: jname(c.jurisdiction) })),
    h(
      'div',
      { class: 'grid2' },
      field(t('name'), h('input', { name: 'name', required: true })),
      field(
        t('creditCode'),
        h('input', { name: 'creditCode', required: true, minlength: 18, maxlength: 18, pattern: '[0-9A-Za-z]{18}' }),
      ),
      field(t('membersCount'), h('input', { name: 'members', type: 'number', min: 1, required: true })),
      field(
        t('assemblyMinutes'),
        h('input', { name: 'assemblyMinutes', type: 'number', min: 0, value: 30, required: true }),
      ),
      field(
        t('range'),
        select(
          'range',
          enumValues('range').map((r): [string, string] => [r, label('range', r)]),
          'LOCAL',
        ),
      ),
      field(
        t('baseLocation'),
        h(
          'div',
          { class: 'row' },
          h('input', {
            name: 'lat',
            type: 'number',
            step: 'any',
            value: home?.location.lat ?? '',
            required: true,
            'aria-label': t('lat'),
          }),
          h('input', {
            name: 'lng',
            type: 'number',
            step: 'any',
            value: home?.location.lng ?? '',
            required: true,
            'aria-label': t('lng'),
          }),
        ),
      ),
      field(t('contactName'), h('input', { name: 'contactName', required: true })),
      field(t('contactPhone'), h('input', { name: 'contactPhone', type: 'tel' })),
    ),
    field(t('capabilities'), caps),
    field(t('equipmentLine'), h('textarea', { name: 'equipment', rows: 3 })),
    slot,
    h('button', { type: 'submit', class: 'primary', id: 'register-submit' }, t('submit')),
  );
  replace(main, section(t('socialRegisterTitle'), form), mine);

  async function listMine(): Promise<void> {
    try {
      const d = await gql(MySocialForcesDocument, { j: [c.jurisdiction] }, { partial: true });
      const rows = d.socialForces.edges.map((e) => e.node);
      replace(
        mine,
        section(
          t('myGroups'),
          rows.length === 0
            ? h('p', null, t('none'))
            : table(
                [t('name'), t('capabilities'), t('verification'), t('reviewNote')],
                rows.map((f) => [
                  h('strong', null, f.name),
                  f.capabilities.map((x) => `${nm(x.capability)}（${label('grade', x.grade)}）`).join('、'),
                  badge(label('verification', f.verification), `v-${f.verification.toLowerCase()}`),
                  f.reviewNote ?? '',
                ]),
                { id: 'my-groups-table' },
              ),
        ),
      );
    } catch (e) {
      replace(mine, errorBox(e));
    }
  }
  if (hasRole('social_org')) await listMine();
}

export async function renderSocialReview(main: HTMLElement, _route: Route): Promise<void> {
  replace(main, loading());
  const c = me();
  const scope = nodes()
    .filter((e) => isBelow(c.jurisdiction, e.code))
    .map((e) => e.code);
  const d = await gql(SocialForceReviewDocument, { j: scope }, { partial: true });
  const slot = h('div', { id: 'review-result' });
  const pending = d.pending.edges.map((e) => e.node);
  const card = (f: Force) => {
    const note = h('input', {
      type: 'text',
      name: 'note',
      'aria-label': t('reviewNote'),
      placeholder: t('reviewNote'),
    });
    const grades = f.capabilities.map((x) => ({
      code: x.capability.code,
      sel: select(`grade:${x.capability.code}`, GRADES(), x.grade, {
        'aria-label': `${nm(x.capability)} ${t('assessedGrade')}`,
      }),
    }));
    const decide = (decision: 'VERIFY' | 'REJECT') => (e: Event) =>
      void run(
        e.currentTarget as HTMLButtonElement,
        async () => {
          await gql(ReviewSocialForceDocument, {
            id: f.id,
            d: decision,
            ...(note.value ? { note: note.value } : {}),
            ...(decision === 'VERIFY'
              ? { grades: grades.map((g) => ({ capability: g.code, grade: selectedValue<CapabilityGrade>(g.sel) })) }
              : {}),
          });
          await renderSocialReview(main, _route);
          document.getElementById('review-result')?.replaceChildren(okBox(t('reviewDone', { name: f.name })));
        },
        slot,
      );
    return h(
      'div',
      { class: 'review-card', 'data-name': f.name },
      h('h3', null, f.name, ' ', badge(label('verification', f.verification), 'v-pending')),
      h(
        'dl',
        { class: 'facts' },
        fact(t('jurisdiction'), jname(f.jurisdiction.code)),
        fact(t('creditCode'), f.creditCode),
        fact(t('membersCount'), String(f.members)),
        fact(t('range'), label('range', f.range)),
        fact(t('assemblyMinutes'), String(f.assemblyMinutes)),
        fact(t('contact'), `${f.contact.name} ${f.contact.phone ?? ''}`),
        fact(t('equipment'), f.equipment.map((x) => `${x.name} ${x.quantity}`).join('、') || t('none')),
      ),
      h(
        'div',
        { class: 'grades' },
        grades.map((g) =>
          h(
            'label',
            { class: 'field inline' },
            h(
              'span',
              { class: 'label' },
              `${nm(f.capabilities.find((x) => x.capability.code === g.code)?.capability)} · ${t('assessedGrade')}`,
            ),
            g.sel,
          ),
        ),
      ),
      h(
        'div',
        { class: 'row' },
        note,
        h('button', { type: 'button', class: 'primary verify', onclick: decide('VERIFY') }, t('verify')),
        h('button', { type: 'button', class: 'danger reject', onclick: decide('REJECT') }, t('reject')),
      ),
    );
  };
  replace(
    main,
    section(
      t('socialReviewTitle'),
      slot,
      h('h3', null, t('reviewQueue'), ` (${pending.length})`),
      pending.length === 0 ? h('p', null, t('noPending')) : h('div', { id: 'review-queue' }, pending.map(card)),
    ),
    section(
      t('reviewed'),
      table(
        [t('name'), t('jurisdiction'), t('capabilities'), t('verification'), t('time')],
        d.done.edges.map(({ node: f }) => [
          h('strong', null, f.name),
          jname(f.jurisdiction.code),
          f.capabilities.map((x) => `${nm(x.capability)}（${label('grade', x.grade)}）`).join('、'),
          badge(label('verification', f.verification), `v-${f.verification.toLowerCase()}`),
          fmtTime(f.reviewedAt),
        ]),
      ),
    ),
  );
}

function fact(k: string, v: string): HTMLElement[] {
  return [h('dt', null, k), h('dd', null, v)];
}
