// The official MCP TypeScript SDK client (@modelcontextprotocol/sdk, pinned in package.json and its lock file)
// against the Task Registry's POST /mcp: the tasks utility of MCP 2025-11-25 through
// client.experimental.tasks (getTask, listTasks, getTaskResult, cancelTask).
//
// Usage: node tasks-client.mjs <base-url> <working-task-id>
//    or: TASKREGISTRY_BASE_URL=... TASKREGISTRY_TASK_ID=... node tasks-client.mjs
// The working task must be pending or running and stays so. The script registers its other tasks over REST.
// Prints one JSON line, {"ok":true,...} or {"ok":false,"failures":[...]}, and exits 0 or 1 (2 for bad usage).

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, McpError } from '@modelcontextprotocol/sdk/types.js';

const baseUrl = (process.argv[2] ?? process.env.TASKREGISTRY_BASE_URL ?? '').replace(/\/+$/, '');
const workingTaskId = process.argv[3] ?? process.env.TASKREGISTRY_TASK_ID;
if (!baseUrl || !workingTaskId) {
    console.log(JSON.stringify({ ok: false, failures: ['usage: node tasks-client.mjs <base-url> <working-task-id>'] }));
    process.exit(2);
}

const PATIENCE_MS = 60_000;
const failures = [];
const passed = [];

function check(name, condition, detail) {
    if (condition) {
        passed.push(name);
    } else {
        failures.push(`${name}: ${detail}`);
    }
}

/** Runs one step; an exception in it is a failure of that step, and the remaining steps still run. */
async function step(name, body) {
    try {
        await body();
    } catch (error) {
        failures.push(`${name}: threw ${describe(error)}`);
    }
}

function describe(error) {
    if (error instanceof McpError) {
        return `McpError ${error.code}: ${error.message}`;
    }
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Expects {@code promise} to reject with a JSON-RPC error of {@code code}. */
async function expectRejection(name, promise, code) {
    try {
        const value = await promise;
        failures.push(`${name}: resolved with ${JSON.stringify(value)}, expected error ${code}`);
    } catch (error) {
        check(name, error instanceof McpError && error.code === code, `rejected with ${describe(error)}, expected ${code}`);
    }
}

async function rest(method, path, body) {
    const response = await fetch(baseUrl + path, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (!response.ok) {
        throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    }
    return text;
}

async function register(label) {
    const id = `ts-${label}-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;
    await rest('POST', '/tasks', { id, type: 'mcp_ts_client', total_steps: 2 });
    return id;
}

/** The worker's count of open change-feed subscriptions (the sum of the metric's series). */
async function feedSubscriptions() {
    const metrics = await rest('GET', '/metrics');
    let sum = 0;
    let seen = false;
    for (const line of metrics.split('\n')) {
        if (line.startsWith('taskregistry_feed_subscriptions ') || line.startsWith('taskregistry_feed_subscriptions{')) {
            sum += Number(line.slice(line.lastIndexOf(' ') + 1));
            seen = true;
        }
    }
    if (!seen) {
        throw new Error('taskregistry_feed_subscriptions is not among the metrics');
    }
    return sum;
}

async function until(condition, what) {
    const deadline = Date.now() + PATIENCE_MS;
    while (Date.now() < deadline) {
        if (await condition()) {
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`not within ${PATIENCE_MS} ms: ${what}`);
}

const client = new Client({ name: 'task-registry-ts-tests', version: '1' }, { capabilities: {} });
const transport = new StreamableHTTPClientTransport(new URL(baseUrl + '/mcp'));
const tasks = client.experimental.tasks;
let serverCapabilities = null;

try {
    await step('connect', async () => {
        await client.connect(transport);
        serverCapabilities = client.getServerCapabilities() ?? null;
        check('initialize announces tasks', serverCapabilities?.tasks !== undefined, JSON.stringify(serverCapabilities));
        check('no session id', transport.sessionId === undefined, `session id ${transport.sessionId}`);
    });

    await step('getTask of a working task', async () => {
        const task = await tasks.getTask(workingTaskId, { timeout: PATIENCE_MS });
        check('getTask.taskId', task.taskId === workingTaskId, JSON.stringify(task));
        check('getTask.status', task.status === 'working', JSON.stringify(task));
        check('getTask.createdAt', typeof task.createdAt === 'string' && task.createdAt.length > 0, JSON.stringify(task));
        check('getTask.ttl', typeof task.ttl === 'number' && task.ttl > 0, JSON.stringify(task));
    });

    await step('listTasks finds the working task', async () => {
        let cursor;
        let found = null;
        let pages = 0;
        do {
            const page = await tasks.listTasks(cursor, { timeout: PATIENCE_MS });
            found ??= page.tasks.find((task) => task.taskId === workingTaskId) ?? null;
            cursor = page.nextCursor;
            pages++;
        } while (cursor && !found && pages < 1000);
        check('listTasks', found !== null && found.status === 'working', `not found in ${pages} page(s)`);
    });

    await step('getTaskResult of a task completed meanwhile', async () => {
        const id = await register('result');
        const before = await feedSubscriptions();
        let settled = false;
        const waiting = tasks
            .getTaskResult(id, CallToolResultSchema, { timeout: PATIENCE_MS })
            .finally(() => {
                settled = true;
            });
        // The server waits on its change feed: only then is the completion a change it must hear of.
        await until(async () => settled || (await feedSubscriptions()) > before, 'tasks/result waiting on the feed');
        check('getTaskResult waits for the end', !settled, 'it answered before the task ended');
        await rest('POST', `/tasks/${id}/complete`, { result: { answer: 42 } });
        const result = await waiting;
        check('getTaskResult.isError', result.isError === false, JSON.stringify(result));
        check('getTaskResult.structuredContent', result.structuredContent?.task_id === id
            && result.structuredContent?.result?.answer === 42, JSON.stringify(result));
        check('getTaskResult.content', result.content?.[0]?.type === 'text'
            && result.content[0].text.includes('completed'), JSON.stringify(result));
    });

    await step('cancelTask of a working task', async () => {
        const id = await register('cancel');
        const cancelled = await tasks.cancelTask(id, { timeout: PATIENCE_MS });
        check('cancelTask.status', cancelled.status === 'cancelled', JSON.stringify(cancelled));
        const after = await tasks.getTask(id, { timeout: PATIENCE_MS });
        check('getTask after cancelTask', after.status === 'cancelled', JSON.stringify(after));
        await expectRejection('cancelTask of a terminal task', tasks.cancelTask(id, { timeout: PATIENCE_MS }), -32602);
    });

    await step('getTask of an unknown task', async () => {
        await expectRejection('getTask of an unknown id', tasks.getTask('no-such-task-' + Date.now(), { timeout: PATIENCE_MS }), -32602);
    });
} finally {
    try {
        await client.close();
    } catch (error) {
        failures.push(`close: threw ${describe(error)}`);
    }
}

const verdict = failures.length === 0
    ? { ok: true, passed, serverCapabilities }
    : { ok: false, failures, passed, serverCapabilities };
console.log(JSON.stringify(verdict));
process.exit(failures.length === 0 ? 0 : 1);
