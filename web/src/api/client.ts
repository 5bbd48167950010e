// The API client: JSON over fetch, the session cookie sent by the browser,
// and the CSRF token sent back on every change.

/** ApiError is the API's {"error":{"code","message","details"}}. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message)
  }

  /** field is the JSON Pointer of the field the error names, if any. */
  get field(): string | undefined {
    const d = this.details as { field?: unknown } | undefined
    return typeof d?.field === 'string' ? toPointer(d.field) : undefined
  }
}

/** toPointer turns "name", "a.b" or "/a/b" into a JSON Pointer. */
export function toPointer(field: string): string {
  if (field === '' || field.startsWith('/')) return field
  return '/' + field.split('.').map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')
}

let csrf = ''

/** setCSRF keeps the token that a sign-in or /auth/me returned. */
export function setCSRF(token: string): void {
  csrf = token
}

/** onUnauthenticated is called when a request answers 401 (signed out). */
let unauthenticated: () => void = () => {}
export function onUnauthenticated(fn: () => void): void {
  unauthenticated = fn
}

const base = '/api/v1'

/** api calls one endpoint and returns its decoded JSON (undefined for 204). */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf
  const resp = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  })
  if (resp.status === 204) return undefined as T
  const text = await resp.text()
  const data: unknown = text ? safeJSON(text) : undefined
  if (!resp.ok) {
    const e = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error
    const err = new ApiError(resp.status, e?.code ?? 'error', e?.message ?? resp.statusText, e?.details)
    if (resp.status === 401 && err.code === 'unauthenticated') unauthenticated()
    throw err
  }
  return data as T
}

function safeJSON(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

export const get = <T>(path: string) => api<T>('GET', path)
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {})
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body)
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body)
export const del = <T>(path: string) => api<T>('DELETE', path)
