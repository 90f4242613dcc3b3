// The change feed (GET /events) read with fetch rather than EventSource: EventSource cannot send the bearer token,
// and it gives up for good on a 503 (Redis away), where the dashboard must keep trying until the store is back.

import {headers} from './api.js';

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 5000;
/** Longer than a few heartbeats (15 s by default): a stream this quiet is taken as lost. */
const SILENCE_MS = 45000;

/**
 * Follows the feed until stop() is called: reconnects after any loss, sending the last event's id as Last-Event-ID
 * so that nothing retained is missed. Callbacks: onOpen() once a stream is subscribed, onEvent({type, id, data}),
 * onLost(reason), onUnauthorized() (then it stops).
 */
export function followFeed(url, lastEventId, {onOpen, onEvent, onLost, onUnauthorized}) {
    let stopped = false;
    let controller = null;

    async function readOnce() {
        controller = new AbortController();
        const request = headers({Accept: 'text/event-stream'});
        const last = lastEventId();
        if (last) {
            request['Last-Event-ID'] = last;
        }
        const response = await fetch(url, {headers: request, signal: controller.signal, cache: 'no-store'});
        if (response.status === 401) {
            stopped = true;
            onUnauthorized();
            return null;
        }
        if (!response.ok) {
            return `the feed answered ${response.status}`;
        }
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        const parser = new EventParser(onOpen, onEvent);
        let silence = setTimeout(() => controller.abort(), SILENCE_MS);
        try {
            for (;;) {
                const {value, done} = await reader.read();
                if (done) {
                    return parser.lostReason || 'the feed ended';
                }
                clearTimeout(silence);
                silence = setTimeout(() => controller.abort(), SILENCE_MS);
                parser.push(value);
            }
        } finally {
            clearTimeout(silence);
        }
    }

    (async () => {
        let delay = FIRST_RETRY_MS;
        while (!stopped) {
            let reason;
            try {
                reason = await readOnce();
            } catch (error) {
                reason = controller && controller.signal.aborted && !stopped ? 'no heartbeat' : 'no connection';
            }
            if (stopped) {
                return;
            }
            onLost(reason);
            await new Promise(resolve => setTimeout(resolve, delay));
            delay = Math.min(delay * 2, MAX_RETRY_MS);
        }
    })();

    return {
        stop() {
            stopped = true;
            if (controller) {
                controller.abort();
            }
        },
    };
}

/** The text/event-stream format (HTML, Server-Sent Events): lines of fields, an event ends at a blank line. */
class EventParser {
    constructor(onOpen, onEvent) {
        this.onOpen = onOpen;
        this.onEvent = onEvent;
        this.buffer = '';
        this.lostReason = null;
        this.clear();
    }

    clear() {
        this.type = '';
        this.id = null;
        this.data = [];
    }

    push(text) {
        this.buffer += text;
        let end;
        while ((end = this.buffer.indexOf('\n')) >= 0) {
            const line = this.buffer.slice(0, end).replace(/\r$/, '');
            this.buffer = this.buffer.slice(end + 1);
            this.line(line);
        }
    }

    line(line) {
        if (line === '') {
            if (this.data.length > 0 || this.type) {
                const event = {type: this.type || 'message', id: this.id, data: this.data.join('\n')};
                if (event.type === 'unavailable') {
                    this.lostReason = unavailableReason(event.data);
                }
                this.onEvent(event);
            }
            this.clear();
            return;
        }
        if (line.startsWith(':')) {
            if (line.slice(1).trim() === 'subscribed') {
                this.onOpen();
            }
            return;
        }
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') {
            this.type = value;
        } else if (field === 'data') {
            this.data.push(value);
        } else if (field === 'id') {
            this.id = value;
        }
    }
}

function unavailableReason(data) {
    try {
        const problem = JSON.parse(data);
        return problem.detail || problem.title || 'the store is unavailable';
    } catch {
        return 'the store is unavailable';
    }
}
