import { UnreadNotificationsDocument } from './__generated__/operations';
import { gql, onCoverage, onUnauthenticated } from './api';
import { jname, loadDirectory } from './directory';
import { h, replace } from './dom';
import { currentLang, label, setLang, t, type Key } from './i18n';
import { claims, hasRole, signOut } from './session';
import { errorBox, flash, renderCoverage } from './ui';
import { renderBoard } from './views/board';
import { renderNotifications } from './views/notifications';
import { renderNewRequest, renderRequest, renderRequests } from './views/requests';
import { renderSearch } from './views/search';
import { renderActions, renderMeeting, renderMeetings, renderMyActions } from './views/secretariat';
import { renderSignIn } from './views/signin';
import { renderSocialRegister, renderSocialReview } from './views/social';

/** The console: a hash router over small views, inside one shell (header, navigation, notices). */
export interface Route {
  path: string;
  parts: string[];
  query: URLSearchParams;
}

type View = (main: HTMLElement, route: Route) => Promise<void> | void;

interface NavItem {
  hash: string;
  key: Key;
  roles: string[];
}

const RESPONDERS = ['commander', 'duty_officer', 'observer'];
const NAV: NavItem[] = [
  { hash: '#/board', key: 'navBoard', roles: [...RESPONDERS, 'registrar', 'secretariat'] },
  { hash: '#/search', key: 'navSearch', roles: [...RESPONDERS, 'registrar', 'secretariat', 'social_org'] },
  { hash: '#/requests', key: 'navRequests', roles: RESPONDERS },
  { hash: '#/requests/new', key: 'navNewRequest', roles: ['commander'] },
  { hash: '#/notifications', key: 'navNotifications', roles: RESPONDERS },
  { hash: '#/social/register', key: 'navSocialRegister', roles: ['social_org', 'registrar'] },
  { hash: '#/social/review', key: 'navSocialReview', roles: ['registrar', 'commander'] },
  { hash: '#/meetings', key: 'navMeetings', roles: ['secretariat', 'commander', 'duty_officer', 'observer'] },
  { hash: '#/actions', key: 'navActions', roles: ['secretariat'] },
  { hash: '#/my-actions', key: 'navMyActions', roles: ['commander', 'duty_officer', 'observer', 'secretariat'] },
];

function view(route: Route): View {
  const [a, b] = route.parts;
  switch (a) {
    case 'board':
      return renderBoard;
    case 'search':
      return renderSearch;
    case 'requests':
      return b === 'new' ? renderNewRequest : renderRequests;
    case 'request':
      return renderRequest;
    case 'notifications':
      return renderNotifications;
    case 'social':
      return b === 'review' ? renderSocialReview : renderSocialRegister;
    case 'meetings':
      return renderMeetings;
    case 'meeting':
      return renderMeeting;
    case 'actions':
      return renderActions;
    case 'my-actions':
      return renderMyActions;
    default:
      return renderBoard;
  }
}

export function homeHash(): string {
  if (hasRole('commander', 'duty_officer', 'observer')) return '#/board';
  if (hasRole('registrar')) return '#/social/review';
  if (hasRole('secretariat')) return '#/actions';
  if (hasRole('social_org')) return '#/social/register';
  return '#/search';
}

function parseHash(): Route {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path = '', qs = ''] = raw.split('?');
  return { path, parts: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(qs) };
}

let renderSeq = 0;
let badgeTimer: number | undefined;

async function refreshBadge(): Promise<void> {
  const c = claims();
  const el = document.getElementById('unread');
  if (!c || !el || !hasRole(...RESPONDERS)) return;
  try {
    const d = await gql(UnreadNotificationsDocument, { j: c.jurisdiction });
    const n = d.notifications.length;
    el.textContent = n ? String(n) : '';
    el.hidden = n === 0;
  } catch {
    /* the badge is best effort; the page shows errors */
  }
}

export function badgeChanged(): void {
  void refreshBadge();
}

function shell(route: Route): HTMLElement {
  const c = claims();
  const app = document.getElementById('app')!;
  const langButton = h(
    'button',
    {
      type: 'button',
      class: 'link',
      id: 'lang-toggle',
      onclick: () => {
        setLang(currentLang() === 'zh' ? 'en' : 'zh');
        void render();
      },
    },
    t('langToggle'),
  );
  const nav = c
    ? h(
        'nav',
        { id: 'nav' },
        NAV.filter((n) => c.roles.some((r) => n.roles.includes(r))).map((n) =>
          h(
            'a',
            {
              href: n.hash,
              class:
                `#/${route.path}` === n.hash || (n.hash === '#/requests' && route.parts[0] === 'request')
                  ? 'active'
                  : '',
            },
            t(n.key),
            n.key === 'navNotifications' ? h('span', { id: 'unread', class: 'unread', hidden: true }) : null,
          ),
        ),
      )
    : null;
  const main = h('main', { id: 'main' });
  replace(
    app,
    h(
      'header',
      { class: 'top' },
      h(
        'a',
        { class: 'brand', href: c ? homeHash() : '#/signin' },
        h('span', { class: 'brand-long' }, t('appName')),
        h('span', { class: 'brand-short' }, t('appShort')),
      ),
      h(
        'div',
        { class: 'who' },
        c
          ? h(
              'span',
              { id: 'whoami' },
              t('signedInAs', {
                name: c.name || c.sub,
                jurisdiction: jname(c.jurisdiction),
                roles: c.roles.map((r) => label('role', r)).join('、'),
              }),
            )
          : null,
        langButton,
        c
          ? h(
              'button',
              {
                type: 'button',
                class: 'link',
                id: 'sign-out',
                onclick: () => {
                  signOut();
                  location.hash = '#/signin';
                  void render();
                },
              },
              t('signOut'),
            )
          : null,
      ),
    ),
    nav,
    h('div', { id: 'coverage', class: 'coverage', role: 'status', hidden: true }),
    h('div', { id: 'flash' }),
    main,
  );
  return main;
}

async function render(): Promise<void> {
  const seq = ++renderSeq;
  const route = parseHash();
  const c = claims();
  if (!c && route.parts[0] !== 'signin') {
    location.hash = '#/signin';
    return;
  }
  if (c && c.exp && c.exp * 1000 < Date.now()) {
    signOut();
    location.hash = '#/signin';
    return;
  }
  const main = shell(route);
  renderCoverage(null);
  flash(null);
  try {
    if (route.parts[0] === 'signin' || !c) await renderSignIn(main);
    else await view(route)(main, route);
  } catch (e) {
    if (seq === renderSeq) replace(main, errorBox(e));
  }
  void refreshBadge();
}

async function start(): Promise<void> {
  setLang(currentLang());
  onCoverage(renderCoverage);
  onUnauthenticated(() => {
    // Keep the page so the message stays readable; the sign-in link is in the message.
  });
  await loadDirectory();
  window.addEventListener('hashchange', () => void render());
  if (!location.hash || location.hash === '#' || location.hash === '#/') {
    location.hash = claims() ? homeHash() : '#/signin';
  }
  await render();
  badgeTimer = window.setInterval(() => void refreshBadge(), 20_000);
}

export function rerender(): void {
  void render();
}

void start().catch((e) => {
  const app = document.getElementById('app');
  if (app) replace(app, errorBox(e));
});
void badgeTimer;
