import {
  ActionItemsDocument,
  CompleteActionDocument,
  MeetingDetailDocument,
  MeetingListDocument,
  MyOpenActionsDocument,
  ReportProgressDocument,
  type ActionFieldsFragment,
} from '../__generated__/operations';
import { ApiError, download, gql } from '../api';
import { jname } from '../directory';
import { h, replace } from '../dom';
import { fmtDate, fmtTime, label, t } from '../i18n';
import type { Route } from '../main';
import { me } from '../session';
import { badge, errorBox, field, loading, okBox, run, section, table } from '../ui';

/** The joint-conference secretariat (secretariat.graphql): meetings, the action tracker and a district's open actions. */
type Action = ActionFieldsFragment;

function actionRows(actions: Action[], withMeeting: boolean) {
  return actions.map((a) => [
    h(
      'span',
      { class: a.overdue ? 'overdue-title' : '' },
      a.overdue ? badge(t('overdue'), 'overdue') : null,
      ' ',
      a.title,
    ),
    jname(a.owner.code),
    h('span', { class: a.overdue ? 'overdue-date' : '' }, fmtDate(a.dueDate)),
    badge(label('actionStatus', a.status), `ac-${a.status.toLowerCase()}`),
    h(
      'span',
      { class: 'progress' },
      h('span', { class: 'bar' }, h('span', { class: 'fill', style: `width:${a.percent}%` })),
      ` ${a.percent}%`,
    ),
    withMeeting ? h('a', { href: `#/meeting/${encodeURIComponent(a.meeting.id)}` }, a.meeting.title) : '',
  ]);
}

function actionTable(actions: Action[], withMeeting = true): HTMLElement {
  if (actions.length === 0) return h('p', null, t('noActions'));
  const el = table(
    [t('actions'), t('actionOwner'), t('dueDate'), t('status'), t('percent'), withMeeting ? t('meetingOf') : ''],
    actionRows(actions, withMeeting),
    { id: 'action-table' },
  );
  actions.forEach((a, i) => {
    if (a.overdue) el.querySelectorAll('tbody tr')[i]?.classList.add('overdue-row');
  });
  return el;
}

export async function renderMeetings(main: HTMLElement): Promise<void> {
  replace(main, loading());
  const d = await gql(MeetingListDocument);
  replace(
    main,
    section(
      t('meetingsTitle'),
      d.meetings.length === 0
        ? h('p', null, t('noMeetings'))
        : table(
            [t('name'), t('meetingWhen'), t('meetingWhere'), t('meetingHost'), t('status'), t('actions')],
            d.meetings.map((m) => [
              h('a', { href: `#/meeting/${encodeURIComponent(m.id)}`, class: 'meeting-link' }, m.title),
              fmtTime(m.scheduledAt),
              m.location,
              jname(m.host.code),
              badge(label('meetingStatus', m.status)),
              `${m.actions.filter((a) => a.status !== 'DONE' && a.status !== 'CANCELLED').length}${m.actions.some((a) => a.overdue) ? ` · ${t('overdue')} ${m.actions.filter((a) => a.overdue).length}` : ''}`,
            ]),
            { id: 'meeting-list' },
          ),
    ),
  );
}

export async function renderMeeting(main: HTMLElement, route: Route): Promise<void> {
  replace(main, loading());
  const id = route.parts[1] ?? '';
  const d = await gql(MeetingDetailDocument, { id });
  const m = d.meeting;
  if (!m) {
    replace(main, h('p', null, t('errNOT_FOUND')));
    return;
  }
  const slot = h('div');
  const dl = h(
    'button',
    {
      type: 'button',
      class: 'primary',
      id: 'download-docx',
      onclick: (e: Event) =>
        void run(
          e.currentTarget as HTMLButtonElement,
          async () => {
            try {
              await download(m.reportDocxUrl, `${m.title}-会议纪要.docx`);
            } catch (e) {
              if (e instanceof ApiError && e.code !== 'INTERNAL_SERVER_ERROR') throw e;
              replace(slot, h('div', { class: 'msg msg-error', role: 'alert' }, t('downloadFailed')));
              return;
            }
          },
          slot,
        ),
    },
    t('downloadDocx'),
  );
  replace(
    main,
    h('a', { href: '#/meetings', class: 'back' }, `← ${t('back')}`),
    section(
      m.title,
      h(
        'dl',
        { class: 'facts' },
        h('dt', null, t('meetingWhen')),
        h('dd', null, fmtTime(m.scheduledAt)),
        h('dt', null, t('meetingWhere')),
        h('dd', null, m.location),
        h('dt', null, t('meetingHost')),
        h('dd', null, jname(m.host.code)),
        h('dt', null, t('meetingChair')),
        h('dd', null, m.chair ?? ''),
        h('dt', null, t('status')),
        h('dd', null, label('meetingStatus', m.status)),
        h('dt', null, t('meetingMembers')),
        h('dd', null, m.members.map((x) => jname(x.code)).join('、')),
        h('dt', null, t('attendees')),
        h(
          'dd',
          null,
          m.attendees
            .map((a) => `${jname(a.jurisdiction.code)} ${a.name}${a.title ? `（${a.title}）` : ''}`)
            .join('；'),
        ),
      ),
      h('div', { class: 'row' }, dl),
      slot,
    ),
    section(
      t('agenda'),
      h(
        'ol',
        { class: 'agenda' },
        m.agenda.map((a) =>
          h(
            'li',
            null,
            h('strong', null, a.title),
            ' ',
            badge(label('agendaStatus', a.status)),
            h('small', null, ` ${jname(a.proposedBy.code)} ${a.proposedByName}`),
            a.summary ? h('p', null, a.summary) : null,
          ),
        ),
      ),
    ),
    section(
      t('resolutions'),
      m.resolutions.length
        ? h(
            'ol',
            { class: 'resolutions' },
            m.resolutions.map((r) => h('li', null, r.text)),
          )
        : h('p', null, t('none')),
    ),
    section(t('actions'), actionTable(m.actions, false)),
    m.minutes ? section(t('minutesText'), h('pre', { class: 'minutes' }, m.minutes)) : null,
  );
}

export async function renderActions(main: HTMLElement, route: Route): Promise<void> {
  const open = route.query.get('all') !== '1';
  replace(main, loading());
  const d = await gql(ActionItemsDocument, { f: open ? { statuses: ['OPEN', 'IN_PROGRESS'] } : {} });
  replace(
    main,
    section(
      t('navActions'),
      h(
        'div',
        { class: 'tabs' },
        h('a', { href: '#/actions', class: open ? 'active' : '' }, t('onlyOpen')),
        h('a', { href: '#/actions?all=1', class: open ? '' : 'active' }, t('all')),
      ),
      actionTable(d.actionItems),
    ),
  );
}

export async function renderMyActions(main: HTMLElement, route: Route): Promise<void> {
  replace(main, loading());
  const d = await gql(MyOpenActionsDocument);
  const c = me();
  const slot = h('div');
  replace(
    main,
    section(
      `${jname(c.jurisdiction)} · ${t('myActionsTitle')}`,
      slot,
      actionTable(d.myOpenActions),
      d.myOpenActions.map((a) => {
        const note = h('input', { type: 'text', name: 'note', required: true, 'aria-label': t('progressNote') });
        const pct = h('input', {
          type: 'number',
          name: 'percent',
          min: 0,
          max: 100,
          value: a.percent,
          'aria-label': t('percent'),
          class: 'qty',
        });
        return h(
          'form',
          {
            class: 'subform progress-form',
            'data-action': a.id,
            onsubmit: (e: Event) => {
              e.preventDefault();
              void run(
                (e.currentTarget as HTMLFormElement).querySelector('button[type=submit]'),
                async () => {
                  await gql(ReportProgressDocument, {
                    id: a.id,
                    input: { note: note.value, percent: Number(pct.value) },
                  });
                  await renderMyActions(main, route);
                },
                slot,
              );
            },
          },
          h(
            'h3',
            null,
            a.overdue ? badge(t('overdue'), 'overdue') : null,
            ' ',
            a.title,
            h('small', null, ` ${t('dueDate')} ${fmtDate(a.dueDate)}`),
          ),
          a.progress.length
            ? h(
                'ul',
                { class: 'progress-log' },
                a.progress.map((p) => h('li', null, `${fmtTime(p.at)} ${p.by}：${p.note}（${p.percent}%）`)),
              )
            : null,
          h(
            'div',
            { class: 'row' },
            field(t('progressNote'), note),
            field(t('percent'), pct),
            h('button', { type: 'submit' }, t('reportProgress')),
            h(
              'button',
              {
                type: 'button',
                class: 'primary',
                onclick: (e: Event) =>
                  void run(
                    e.currentTarget as HTMLButtonElement,
                    async () => {
                      await gql(CompleteActionDocument, { id: a.id });
                      await renderMyActions(main, route);
                      slot.replaceChildren(okBox(t('done')));
                    },
                    slot,
                  ),
              },
              t('completeAction'),
            ),
          ),
        );
      }),
    ),
  );
  void errorBox;
}
