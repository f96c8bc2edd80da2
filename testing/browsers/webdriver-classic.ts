/** The few W3C WebDriver (classic, HTTP) commands the WebKit adapter needs, over fetch. */

export interface WebDriverSession {
  id: string;
  capabilities: Record<string, unknown>;
  /** One command on this session: `path` is relative to `/session/{id}`. */
  command<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: object): Promise<T>;
  delete(): Promise<void>;
}

async function call<T>(url: string, method: string, body?: object): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : method === 'POST' ? { body: '{}' } : {}),
  });
  const answer = (await response.json()) as { value: T & { error?: string; message?: string } };
  // Named by WebDriver's error code: `no such element`, `javascript error` …
  if (!response.ok) throw new Error(`WebDriver ${answer.value.error}: ${answer.value.message}`);
  return answer.value;
}

/** Waits until the driver at `base` answers `/status` as ready. */
export async function driverReady(base: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ready = await call<{ ready?: boolean }>(`${base}/status`, 'GET').then(
      (status) => status.ready !== false,
      () => false,
    );
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`WebDriver at ${base} not ready in ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

export async function newSession(base: string, alwaysMatch: object): Promise<WebDriverSession> {
  const { sessionId, capabilities } = await call<{
    sessionId: string;
    capabilities: Record<string, unknown>;
  }>(`${base}/session`, 'POST', { capabilities: { alwaysMatch } });
  const at = `${base}/session/${sessionId}`;
  return {
    id: sessionId,
    capabilities,
    command: (method, path, body) => call(`${at}${path}`, method, body),
    delete: () => call<void>(at, 'DELETE'),
  };
}

/** WebDriver's key codes for the keys the tests press. */
export const WEBDRIVER_KEYS = { Tab: '\uE004', Enter: '\uE007' } as const;
