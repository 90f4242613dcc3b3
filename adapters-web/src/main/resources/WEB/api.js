// The REST API as the dashboard uses it: JSON reads with the bearer token when one is kept for this tab.

const TOKEN_KEY = 'taskregistry.api.token';

/** The API answered 401: the page needs (another) token. */
export class Unauthorized extends Error {
    constructor() {
        super('the API needs a bearer token');
    }
}

/** Any other answer that is not a success, with the problem's detail when the body is problem+json. */
export class ApiError extends Error {
    constructor(status, detail) {
        super(`${status}: ${detail}`);
        this.status = status;
    }
}

/** The API's address of path (like "tasks"), relative to the page, so the dashboard also works under a prefix. */
export function apiUrl(path, params = {}) {
    const url = new URL(`../${path}`, document.baseURI);
    for (const [name, value] of Object.entries(params)) {
        if (value !== null && value !== undefined && value !== '') {
            url.searchParams.set(name, value);
        }
    }
    return url;
}

// Session storage only: the token lives as long as the tab, never on disk across sessions.
export function storedToken() {
    return sessionStorage.getItem(TOKEN_KEY);
}

export function keepToken(token) {
    sessionStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken() {
    sessionStorage.removeItem(TOKEN_KEY);
}

export function headers(extra = {}) {
    const token = storedToken();
    return token ? {...extra, Authorization: `Bearer ${token}`} : {...extra};
}

export async function getJson(url) {
    const response = await fetch(url, {headers: headers({Accept: 'application/json'}), cache: 'no-store'});
    if (response.status === 401) {
        throw new Unauthorized();
    }
    if (!response.ok) {
        let detail = response.statusText;
        try {
            const problem = await response.json();
            detail = problem.detail || problem.title || detail;
        } catch {
            // not problem+json: keep the status text
        }
        throw new ApiError(response.status, detail);
    }
    return response.json();
}
