// view-tasks.js — the follow-ups a session record opened (a serious reaction: lymph nodes,
// infection, an allergic reaction), shown on the dashboard so the clinic calls the client the
// next day: what, for whom, when, and "Done" once it is dealt with. Every staff role sees them —
// reception makes the calls — but only the title, never the record itself.
import { h } from './dom.js';
import { all, get, post } from './api.js';
import { announce, gbDay, link, notice, section } from './ui.js';

/** tasksSection answers the dashboard's "Follow-ups" card, or null when there are none. */
export async function tasksSection() {
  const tasks = (await all('/api/v1/tasks')).sort((a, b) => (a.due_on < b.due_on ? -1 : a.due_on > b.due_on ? 1 : a.id - b.id));
  if (!tasks.length) return null;
  const names = new Map();
  await Promise.all([...new Set(tasks.map((t) => t.client_id))].map(async (id) => {
    try {
      const c = await get(`/api/v1/clients/${id}`);
      names.set(id, `${c.first_name} ${c.last_name}`);
    } catch (e) {
      if (e.status === 401) throw e;
    }
  }));
  const list = h('ul', { class: 'task-list', 'aria-label': 'Follow-ups, soonest first' });
  const errors = h('div', {});
  for (const t of tasks) {
    const who = names.get(t.client_id) || `Client ${t.client_id}`;
    const done = h('button', { type: 'button', class: 'btn btn-secondary' }, 'Done');
    const item = h('li', { class: 'task' },
      h('span', { class: 'task-due' }, 'Due ', gbDay(t.due_on)),
      h('span', { class: 'task-what' }, `${t.title} — `, link(who, `#/clients/${t.client_id}`)),
      done);
    done.setAttribute('aria-label', `Done: ${t.title} for ${who}`);
    done.addEventListener('click', async () => {
      done.disabled = true;
      try {
        await post(`/api/v1/tasks/${t.id}/done`);
        item.remove();
        announce(`Follow-up for ${who} done`);
        if (!list.children.length) list.replaceWith(h('p', { class: 'muted' }, 'No follow-ups left.'));
      } catch (e) {
        done.disabled = false;
        errors.replaceChildren(notice('error', h('p', {}, e.message)));
      }
    });
    list.append(item);
  }
  return section('Follow-ups', errors, list);
}
