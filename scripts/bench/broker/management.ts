/** The few management API calls the benchmark makes itself, with guest's credentials. */
export interface Management {
  readonly baseUrl: string;
  get<T>(path: string): Promise<T>;
  /** GETs a path and reads the whole body as text (no JSON parse): the cost the broker sets. */
  fetchText(path: string): Promise<{ bytes: number }>;
  /** True once the management API lists this connection (it may lag a new connection by a stats interval). */
  knowsConnection(name: string): Promise<boolean>;
  /** Force-closes a connection, as an admin would; the client sees 320 CONNECTION_FORCED with `reason`. */
  closeConnection(name: string, reason: string): Promise<void>;
}

const AUTH = 'Basic ' + Buffer.from('guest:guest').toString('base64');

export function management(baseUrl: string): Management {
  const request = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(baseUrl + path, { ...init, headers: { authorization: AUTH, ...(init.headers ?? {}) }, signal: AbortSignal.timeout(30_000) });
    if (!res.ok && !(init.method === undefined && res.status === 404)) throw new Error(`${init.method ?? 'GET'} ${path.slice(0, 80)}: HTTP ${res.status}`);
    return res;
  };
  return {
    baseUrl,
    get: async <T>(path: string) => (await (await request(path)).json()) as T,
    fetchText: async (path) => ({ bytes: Buffer.byteLength(await (await request(path)).text()) }),
    knowsConnection: async (name) => (await request(`/api/connections/${encodeURIComponent(name)}?columns=name`)).ok,
    closeConnection: async (name, reason) => {
      await (await request(`/api/connections/${encodeURIComponent(name)}`, { method: 'DELETE', headers: { 'x-reason': reason } })).arrayBuffer();
    },
  };
}
