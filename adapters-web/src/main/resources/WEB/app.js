// The dashboard: first state from GET /tasks and GET /stats, then the change feed (GET /events) keeps rows,
// counts and bars current in place. Filters live in the page's query string, so a view can be shared.

import {apiUrl, forgetToken, getJson, keepToken, storedToken, Unauthorized} from './api.js';
import {followFeed} from './feed.js';
import {renderDetail, renderStats, showConnection, TaskTable} from './view.js';

const PAGE_SIZE = 50;
const STATS_DELAY_MS = 250;
const RESTORED_SHOWN_MS = 5000;

const byId = id => document.getElementById(id);

const state = {
    filter: filterFromUrl(),
    tasks: new Map(),
    // Versions of tasks removed while a listing was on its way, so that the listing cannot bring them back.
    removed: new Map(),
    nextCursor: null,
    lastEventId: null,
    selectedId: null,
    arrivedWhileListing: null,
    feed: null,
    everOpened: false,
    lost: false,
    statsTimer: null,
};

const table = new TaskTable(select);

function filterFromUrl() {
    const params = new URLSearchParams(location.search);
    return {status: params.get('status') || '', type: params.get('type') || ''};
}

function matches(task) {
    return (!state.filter.status || task.status === state.filter.status)
        && (!state.filter.type || task.type === state.filter.type);
}

function put(task) {
    const known = state.tasks.get(task.id);
    if (known && known.version > task.version) {
        return;
    }
    const removedAt = state.removed.get(task.id);
    if (removedAt !== undefined && removedAt >= task.version) {
        return;
    }
    // Only the tasks the view shows are kept: the feed also brings every other task of the registry.
    if (matches(task)) {
        state.tasks.set(task.id, task);
        table.upsert(task);
    } else {
        state.tasks.delete(task.id);
        table.remove(task.id);
    }
    if (state.selectedId === task.id) {
        renderDetail(task);
    }
}

function drop(id, version) {
    state.removed.set(id, version);
    state.tasks.delete(id);
    table.remove(id);
    if (state.selectedId === id) {
        closeDetail();
    }
}

async function loadTasks() {
    state.removed.clear();
    // Changes that arrive while the listing is on its way may be newer than it: they are applied after it.
    const arrived = new Map();
    state.arrivedWhileListing = arrived;
    let page;
    try {
        page = await getJson(apiUrl('tasks', {...state.filter, limit: PAGE_SIZE}));
    } finally {
        if (state.arrivedWhileListing === arrived) {
            state.arrivedWhileListing = null;
        }
    }
    state.tasks.clear();
    table.clear();
    page.items.forEach(put);
    arrived.forEach(put);
    state.nextCursor = page.next_cursor;
    byId('more').hidden = !state.nextCursor;
}

async function loadMore() {
    const page = await getJson(apiUrl('tasks', {...state.filter, limit: PAGE_SIZE, cursor: state.nextCursor}));
    page.items.forEach(put);
    state.nextCursor = page.next_cursor;
    byId('more').hidden = !state.nextCursor;
}

async function loadStats() {
    renderStats(await getJson(apiUrl('stats')));
}

/** The counts come from GET /stats, at most one read per short while however many events arrive. */
function scheduleStats() {
    if (state.statsTimer === null) {
        state.statsTimer = setTimeout(() => {
            state.statsTimer = null;
            guarded(loadStats);
        }, STATS_DELAY_MS);
    }
}

async function loadAll() {
    await Promise.all([loadTasks(), loadStats()]);
    byId('list-error').hidden = true;
}

/** Runs an API read; a refused token brings the prompt back, any other failure is shown above the table. */
async function guarded(read) {
    try {
        await read();
    } catch (error) {
        if (error instanceof Unauthorized) {
            askForToken(storedToken() !== null);
        } else {
            const message = byId('list-error');
            message.textContent = `Could not read the registry: ${error.message}`;
            message.hidden = false;
        }
    }
}

function onEvent(event) {
    if (event.id) {
        state.lastEventId = event.id;
    }
    if (event.type === 'reset') {
        // The feed could not resume exactly: list the tasks again.
        guarded(loadAll);
        return;
    }
    if (event.type === 'unavailable') {
        return;
    }
    let change;
    try {
        change = JSON.parse(event.data);
    } catch {
        return;
    }
    if (change.task) {
        if (state.arrivedWhileListing) {
            state.arrivedWhileListing.set(change.task.id, change.task);
        }
        put(change.task);
    } else if (event.type === 'deleted' || event.type === 'expired') {
        drop(change.task_id, change.version);
    }
    scheduleStats();
}

async function onOpen() {
    const first = !state.everOpened;
    state.everOpened = true;
    // Subscribed first, listed second: no change falls between the listing and the stream.
    await guarded(first || !state.lastEventId ? loadAll : loadStats);
    if (!state.feed) {
        return;
    }
    if (state.lost) {
        state.lost = false;
        showConnection('restored');
        setTimeout(() => {
            if (!state.lost) {
                showConnection('live');
            }
        }, RESTORED_SHOWN_MS);
    } else {
        showConnection('live');
    }
}

function onLost(reason) {
    state.lost = true;
    showConnection('lost', reason);
}

function startFeed() {
    state.feed = followFeed(apiUrl('events'), () => state.lastEventId, {
        onOpen,
        onEvent,
        onLost,
        onUnauthorized: () => askForToken(true),
    });
}

function askForToken(refused) {
    if (state.feed) {
        state.feed.stop();
        state.feed = null;
    }
    if (refused) {
        forgetToken();
    }
    state.tasks.clear();
    table.clear();
    byId('board').hidden = true;
    byId('token-form').hidden = false;
    byId('token-error').hidden = !refused;
    showConnection('connecting');
    byId('token-input').focus();
}

async function start() {
    try {
        // The first read tells whether a token is needed before anything is drawn.
        await loadStats();
    } catch (error) {
        if (error instanceof Unauthorized) {
            askForToken(storedToken() !== null);
            return;
        }
        onLost(error.message);
    }
    byId('token-form').hidden = true;
    byId('board').hidden = false;
    state.everOpened = false;
    startFeed();
}

function select(id) {
    const task = state.tasks.get(id);
    if (!task) {
        return;
    }
    state.selectedId = id;
    table.select(id);
    renderDetail(task);
    const detail = byId('detail');
    detail.hidden = false;
    detail.focus();
}

function closeDetail() {
    const id = state.selectedId;
    state.selectedId = null;
    table.select(null);
    byId('detail').hidden = true;
    const row = id && document.querySelector(`#task-rows tr[data-id="${CSS.escape(id)}"] button`);
    if (row) {
        row.focus();
    }
}

function applyFilter(filter) {
    state.filter = filter;
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(filter)) {
        if (value) {
            params.set(name, value);
        }
    }
    const query = params.toString();
    history.pushState(null, '', query ? `?${query}` : location.pathname);
    guarded(loadTasks);
}

function showFilter() {
    byId('filter-status').value = state.filter.status;
    byId('filter-type').value = state.filter.type;
}

function readFilterForm() {
    return {status: byId('filter-status').value, type: byId('filter-type').value.trim()};
}

byId('filters').addEventListener('submit', event => {
    event.preventDefault();
    applyFilter(readFilterForm());
});
byId('filter-status').addEventListener('change', () => applyFilter(readFilterForm()));
byId('filter-clear').addEventListener('click', () => {
    applyFilter({status: '', type: ''});
    showFilter();
});
window.addEventListener('popstate', () => {
    state.filter = filterFromUrl();
    showFilter();
    guarded(loadTasks);
});
byId('more').addEventListener('click', () => guarded(loadMore));
byId('detail-close').addEventListener('click', closeDetail);
document.addEventListener('keydown', event => {
    if (event.key === 'Escape' && state.selectedId) {
        closeDetail();
    }
});
byId('token-form').addEventListener('submit', event => {
    event.preventDefault();
    const input = byId('token-input');
    keepToken(input.value.trim());
    input.value = '';
    start();
});
setInterval(() => table.tick(), 1000);

showFilter();
start();
