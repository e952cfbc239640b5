/** Where the REST API lives: same origin, versioned (the dev server proxies it to the backend). */
export const API_BASE = '/api/v1';
