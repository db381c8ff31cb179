import { AcknowledgeNotificationDocument, NotificationsDocument } from '../__generated__/operations';
import { gql } from '../api';
import { h, replace } from '../dom';
import { fmtTime, t } from '../i18n';
import { badgeChanged, type Route } from '../main';
import { me } from '../session';
import { loading, run, section } from '../ui';

/** The jurisdiction's notifications (notifications.graphql), newest first, with mark-read. */
export async function renderNotifications(main: HTMLElement, route: Route): Promise<void> {
  const unread = route.query.get('unread') === '1';
  replace(main, loading());
  const d = await gql(NotificationsDocument, { j: me().jurisdiction, u: unread });
  const slot = h('div');
  replace(
    main,
    section(
      t('notificationsTitle'),
      h(
        'div',
        { class: 'tabs' },
        h('a', { href: '#/notifications', class: unread ? '' : 'active' }, t('all')),
        h('a', { href: '#/notifications?unread=1', class: unread ? 'active' : '' }, t('unreadOnly')),
      ),
      slot,
      d.notifications.length === 0
        ? h('p', null, t('noNotifications'))
        : h(
            'ul',
            { class: 'notes', id: 'notifications' },
            d.notifications.map((n) =>
              h(
                'li',
                {
                  class: `note${n.readAt ? ' read' : ' unread'}${n.exercise ? ' exercise-note' : ''}`,
                  'data-id': n.id,
                  'data-kind': n.kind,
                },
                h('div', { class: 'note-head' }, h('strong', null, n.title), h('time', null, fmtTime(n.createdAt))),
                h('p', null, n.body),
                h(
                  'div',
                  { class: 'row' },
                  n.request
                    ? h(
                        'a',
                        { class: 'button small', href: `#/request/${encodeURIComponent(n.request.id)}` },
                        `${t('openRelated')} ${n.request.number}`,
                      )
                    : null,
                  n.readAt
                    ? h('small', null, t('readBy', { by: n.readBy ?? '' }))
                    : h(
                        'button',
                        {
                          type: 'button',
                          class: 'small mark-read',
                          onclick: (e: Event) =>
                            void run(
                              e.currentTarget as HTMLButtonElement,
                              async () => {
                                await gql(AcknowledgeNotificationDocument, { id: n.id });
                                badgeChanged();
                                await renderNotifications(main, route);
                              },
                              slot,
                            ),
                        },
                        t('markRead'),
                      ),
                ),
              ),
            ),
          ),
    ),
  );
}
