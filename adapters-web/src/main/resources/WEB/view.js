// Drawing the dashboard. Every piece of task data goes in through textContent or attributes, never as HTML.

export const STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'];

const byId = id => document.getElementById(id);

function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
        node.className = className;
    }
    if (text !== undefined) {
        node.textContent = text;
    }
    return node;
}

export function formatInstant(iso) {
    if (!iso) {
        return '—';
    }
    const date = new Date(iso);
    return date.toLocaleString(undefined, {
        month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
}

export function formatTimeLeft(iso, now = Date.now()) {
    const seconds = Math.floor((Date.parse(iso) - now) / 1000);
    if (seconds <= 0) {
        return 'expired';
    }
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    return h > 0 ? `${h}h ${m}m` : m > 0 ? `${m}m ${s}s` : `${s}s`;
}

/** The table body's rows, one per task id, kept in order: newest (created_at) first. */
export class TaskTable {
    constructor(onSelect) {
        this.body = byId('task-rows');
        this.rows = new Map();
        this.onSelect = onSelect;
    }

    clear() {
        this.rows.clear();
        this.body.replaceChildren();
        this.showEmpty();
    }

    has(id) {
        return this.rows.has(id);
    }

    upsert(task) {
        let row = this.rows.get(task.id);
        if (!row) {
            row = this.createRow(task);
            this.rows.set(task.id, row);
            this.insertInOrder(row);
        }
        this.fill(row, task);
        this.showEmpty();
    }

    remove(id) {
        const row = this.rows.get(id);
        if (row) {
            row.remove();
            this.rows.delete(id);
            this.showEmpty();
        }
    }

    select(id) {
        for (const [rowId, row] of this.rows) {
            row.classList.toggle('selected', rowId === id);
        }
    }

    /** Counts down "expires in" on every row, from the expires_at each row carries. */
    tick(now = Date.now()) {
        for (const row of this.rows.values()) {
            row.cells[6].textContent = formatTimeLeft(row.dataset.expiresAt, now);
        }
    }

    createRow(task) {
        const row = element('tr');
        row.dataset.id = task.id;
        row.dataset.created = task.created_at;
        const idCell = element('td');
        const link = element('button', 'task-link', task.id);
        link.type = 'button';
        link.addEventListener('click', () => this.onSelect(task.id));
        idCell.append(link);
        const progressCell = element('td', 'progress');
        progressCell.append(element('progress'), element('span', 'steps'));
        progressCell.firstChild.max = 1;
        row.append(idCell, element('td', 'type'), element('td', 'status'), progressCell,
            element('td', 'time created'), element('td', 'time updated'), element('td', 'time expires'));
        return row;
    }

    insertInOrder(row) {
        const created = row.dataset.created;
        for (const other of this.body.rows) {
            if (other.dataset.created < created
                || (other.dataset.created === created && other.dataset.id > row.dataset.id)) {
                this.body.insertBefore(row, other);
                return;
            }
        }
        this.body.append(row);
    }

    fill(row, task) {
        row.dataset.status = task.status;
        row.dataset.version = task.version;
        row.dataset.expiresAt = task.expires_at;
        row.cells[1].textContent = task.type;
        const badge = element('span', `badge ${task.status}`, task.status);
        row.cells[2].replaceChildren(badge);
        const [bar, steps] = row.cells[3].children;
        bar.value = task.progress;
        bar.textContent = `${Math.round(task.progress * 100)}%`;
        bar.setAttribute('aria-label', `progress of ${task.id}`);
        steps.textContent = task.total_steps
            ? `${task.completed_steps}/${task.total_steps}`
            : `${Math.round(task.progress * 100)}%`;
        row.cells[4].textContent = formatInstant(task.created_at);
        row.cells[5].textContent = formatInstant(task.updated_at);
        row.cells[6].textContent = formatTimeLeft(task.expires_at);
    }

    showEmpty() {
        byId('empty').hidden = this.rows.size > 0;
    }
}

/** Counts per status (all five, zeros included) and per type, each as a row of CSS bars. */
export function renderStats(stats) {
    byId('total-tasks').textContent = `(${stats.total_tasks} live)`;
    const byStatus = STATUSES.map(status => [status, stats.tasks_by_status[status] || 0]);
    renderBars(byId('stats-status'), byStatus, 'status');
    const byType = Object.entries(stats.tasks_by_type).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    renderBars(byId('stats-type'), byType.slice(0, 12), 'type');
    const types = byId('known-types');
    types.replaceChildren(...byType.map(([type]) => {
        const option = element('option');
        option.value = type;
        return option;
    }));
}

function renderBars(list, entries, kind) {
    const max = Math.max(1, ...entries.map(([, count]) => count));
    list.replaceChildren(...entries.map(([name, count]) => {
        const item = element('li');
        item.dataset[kind] = name;
        const track = element('span', 'track');
        const fill = element('span', kind === 'status' ? `fill ${name}` : 'fill');
        fill.style.width = `${(100 * count) / max}%`;
        track.append(fill);
        item.append(element('span', 'label', name), track, element('span', 'count', String(count)));
        item.setAttribute('aria-label', `${name}: ${count}`);
        return item;
    }));
}

/** The detail panel of one task: its query, result as indented JSON, and error. */
export function renderDetail(task) {
    byId('detail-id').textContent = task.id;
    byId('detail-status').textContent = task.status;
    byId('detail-query').textContent = task.query ?? '—';
    byId('detail-result').textContent = task.result === null || task.result === undefined
        ? '—'
        : JSON.stringify(task.result, null, 2);
    byId('detail-error').textContent = task.error ?? '—';
}

const CONNECTION_TEXT = {
    connecting: 'Connecting…',
    live: 'Live',
    restored: 'Connection back: live again',
};

/** The connection badge in the header: connecting, live, lost (with why) or restored. */
export function showConnection(state, reason) {
    const badge = byId('connection');
    badge.dataset.state = state;
    badge.textContent = state === 'lost'
        ? `Connection lost (${reason}); reconnecting…`
        : CONNECTION_TEXT[state];
}
