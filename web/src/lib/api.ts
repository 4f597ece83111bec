// The one way the pages talk to the API: JSON in and out, the session's token, the API's error shape.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'zhili.token';
export const getToken = () => localStorage.getItem(TOKEN_KEY);
export const setToken = (token: string | null) => (token ? localStorage.setItem(TOKEN_KEY, token) : localStorage.removeItem(TOKEN_KEY));

// The session layer listens for a refused token (expired, logged out elsewhere, disabled).
let onUnauthenticated: (code: string) => void = () => {};
export const setUnauthenticatedHandler = (fn: (code: string) => void) => void (onUnauthenticated = fn);

export type Query = Record<string, string | number | boolean | undefined | null>;

export const withQuery = (path: string, query?: Query) => {
  const entries = Object.entries(query ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length ? `${path}?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : path;
};

type Options = { method?: string; body?: unknown; query?: Query; headers?: Record<string, string>; raw?: Blob | ArrayBuffer };

export const api = async <T>(path: string, opts: Options = {}): Promise<T> => {
  const token = getToken();
  const headers: Record<string, string> = { ...opts.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(`/api/v1${path}`, opts.query), { method: opts.method ?? (body ? 'POST' : 'GET'), headers, body });
  } catch {
    throw new ApiError(0, 'network', '网络连接失败，请检查网络后重试');
  }
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const err = data?.error ?? { code: 'http.' + res.status, message: res.statusText };
    if (res.status === 401 && token && !path.startsWith('/auth/login')) onUnauthenticated(err.code);
    throw new ApiError(res.status, err.code, err.message, err.details);
  }
  return data as T;
};

export const fileUrl = (id: number) => withQuery(`/api/v1/files/${id}`, { token: getToken() });

/** Uploads a photo; the API checks its type by content. */
export const uploadPhoto = (file: Blob) => api<{ id: number }>('/files', { method: 'POST', raw: file, headers: { 'content-type': file.type || 'application/octet-stream' } });

export type Page<T> = { items: T[]; total: number; totalCapped?: boolean };
