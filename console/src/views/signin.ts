import { jname } from '../directory';
import { h, replace } from '../dom';
import { label, t } from '../i18n';
import { homeHash, rerender } from '../main';
import { decodeToken, signIn } from '../session';
import { errorBox, section } from '../ui';

/** Sign-in: paste a token, or (development only) pick a demo identity. */
interface DemoIdentity {
  label: string;
  jurisdiction: string;
  role: string;
  token: string;
}

function enter(tok: string, slot: HTMLElement): void {
  const c = decodeToken(tok);
  if (!c) {
    replace(slot, h('div', { class: 'msg msg-error', role: 'alert' }, t('tokenInvalid')));
    return;
  }
  if (c.exp && c.exp * 1000 < Date.now()) {
    replace(slot, h('div', { class: 'msg msg-error', role: 'alert' }, t('tokenExpired')));
    return;
  }
  signIn(tok);
  location.hash = homeHash();
  rerender();
}

export async function renderSignIn(main: HTMLElement): Promise<void> {
  const slot = h('div');
  const area = h('textarea', {
    id: 'token',
    name: 'token',
    rows: 5,
    placeholder: t('tokenPlaceholder'),
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const form = h(
    'form',
    {
      id: 'signin-form',
      onsubmit: (e: Event) => {
        e.preventDefault();
        enter(area.value, slot);
      },
    },
    h('p', null, t('signInIntro')),
    h('label', { class: 'field' }, h('span', { class: 'label' }, t('tokenLabel')), area),
    slot,
    h('button', { type: 'submit', class: 'primary' }, t('signInButton')),
  );
  const demo = h('div', { id: 'demo-identities' });
  replace(main, h('div', { class: 'signin' }, section(t('signInTitle'), form), demo));
  try {
    const res = await fetch('/console/demo-identities.json', { cache: 'no-store' });
    if (!res.ok) return;
    const ids = (await res.json()) as DemoIdentity[];
    if (!Array.isArray(ids) || ids.length === 0) return;
    replace(
      demo,
      section(
        t('demoTitle'),
        h('p', null, t('demoIntro')),
        h(
          'div',
          { class: 'demo-list' },
          ids.map((d) =>
            h(
              'button',
              {
                type: 'button',
                class: 'demo',
                'data-jurisdiction': d.jurisdiction,
                'data-role': d.role,
                onclick: () => enter(d.token, slot),
              },
              h('strong', null, jname(d.jurisdiction)),
              ' ',
              label('role', d.role),
              d.label && !d.label.includes(label('role', d.role)) ? h('small', null, d.label) : null,
            ),
          ),
        ),
      ),
    );
  } catch (e) {
    replace(demo, errorBox(e));
  }
}
