/** A signed-in (or anonymous) HTTP client with a cookie jar and the Origin header a browser would send. */

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class Client {
  cookie = '';
  constructor(
    readonly baseUrl: string,
    readonly origin: string | null = baseUrl,
  ) {}

  /** Sends a JSON request (or a raw body) and returns status, parsed body and headers. */
  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.origin && method !== 'GET') h.origin = this.origin;
    let payload: BodyInit | undefined;
    if (body instanceof Uint8Array || typeof body === 'string') payload = body as BodyInit;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] = 'application/json';
    }
    const res = await fetch(this.baseUrl + path, { method, headers: h, body: payload });
    const set = res.headers.getSetCookie();
    for (const c of set) {
      const [pair] = c.split(';');
      const [name, value] = pair!.split('=');
      if (name === 'coreview_session') this.cookie = value ? `${name}=${value}` : '';
      if (/Max-Age=0/i.test(c) && name === 'coreview_session') this.cookie = '';
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get = <T = any>(p: string) => this.request<T>('GET', p);
  post = <T = any>(p: string, b?: unknown) => this.request<T>('POST', p, b ?? {});
  patch = <T = any>(p: string, b?: unknown) => this.request<T>('PATCH', p, b ?? {});
  delete = <T = any>(p: string) => this.request<T>('DELETE', p);
}

/** The password every test account signs up with. */
export const TEST_PASSWORD = 'a long enough password';

let counter = 0;
/** Signs up a fresh user and returns a client holding their session. */
export async function signUp(baseUrl: string, name = 'Test User'): Promise<Client & { user: { id: string; email: string; name: string } }> {
  const c = new Client(baseUrl) as Client & { user: { id: string; email: string; name: string } };
  const email = `user${Date.now()}-${counter++}@example.org`;
  const r = await c.post('/api/auth/signup', { email, password: TEST_PASSWORD, name });
  if (r.status !== 201) throw new Error(`signup failed: ${r.status} ${JSON.stringify(r.body)}`);
  c.user = r.body.user;
  return c;
}

/** Creates a project led by `lead` and adds members with the given roles through real invitations. */
export async function projectWith(lead: Client, members: { client: Client; role: string }[], title = 'A review'): Promise<string> {
  const p = await lead.post('/api/projects', { title });
  if (p.status !== 201) throw new Error(`create project failed: ${p.status}`);
  const pid = p.body.project.id as string;
  for (const m of members) {
    const inv = await lead.post(`/api/projects/${pid}/invitations`, { role: m.role });
    const acc = await m.client.post(`/api/invitations/${inv.body.token}/accept`);
    if (acc.status !== 200) throw new Error(`accept failed: ${acc.status} ${JSON.stringify(acc.body)}`);
  }
  return pid;
}
