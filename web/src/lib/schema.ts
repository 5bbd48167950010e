// The subset of JSON Schema that the dashboard renders as forms, and JSON
// Pointer helpers for tables and field errors.

export interface JSONSchema {
  type?: string | string[]
  title?: string
  description?: string
  properties?: Record<string, JSONSchema>
  required?: string[]
  items?: JSONSchema
  enum?: unknown[]
  default?: unknown
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  pattern?: string
  format?: string
  readOnly?: boolean
  writeOnly?: boolean
  additionalProperties?: boolean | JSONSchema
}

/** FieldKind is how a schema is edited. */
export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'strings' | 'object' | 'json'

/** typeOf returns the schema's single non-null type. */
export function typeOf(s: JSONSchema): string | undefined {
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null')
  if (s.type) return s.type
  if (s.properties) return 'object'
  return undefined
}

/** fieldKind chooses the control for a schema. */
export function fieldKind(s: JSONSchema): FieldKind {
  if (Array.isArray(s.enum) && s.enum.length > 0) return 'enum'
  const t = typeOf(s)
  switch (t) {
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean':
    case 'object':
      return t
    case 'array':
      return s.items && typeOf(s.items) === 'string' ? 'strings' : 'json'
    default:
      return 'json'
  }
}

/** initialValue is what a new form starts with: defaults, else empty. */
export function initialValue(s: JSONSchema): unknown {
  if (s.default !== undefined) return structuredClone(s.default)
  switch (fieldKind(s)) {
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const [k, p] of Object.entries(s.properties ?? {})) {
        if (p.readOnly) continue
        const v = initialValue(p)
        if (v !== undefined) out[k] = v
      }
      return out
    }
    case 'boolean':
      return false
    case 'strings':
      return []
    default:
      return undefined
  }
}

/**
 * clean drops what a form holds but must not send: read-only fields,
 * empty optional strings and unset numbers, recursively.
 */
export function clean(s: JSONSchema, v: unknown): unknown {
  if (fieldKind(s) !== 'object' || !v || typeof v !== 'object') return v
  const src = v as Record<string, unknown>
  const out: Record<string, unknown> = {}
  const required = new Set(s.required ?? [])
  for (const [k, val] of Object.entries(src)) {
    const p = s.properties?.[k]
    if (p?.readOnly) continue
    if ((val === '' || val === undefined || val === null) && !required.has(k)) continue
    out[k] = p ? clean(p, val) : val
  }
  return out
}

/** escape encodes one JSON Pointer segment. */
export const escapeSegment = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1')

/** child is the pointer of key under ptr. */
export const child = (ptr: string, key: string | number) => `${ptr}/${escapeSegment(String(key))}`

/** getPointer reads the value at a JSON Pointer, or undefined. */
export function getPointer(doc: unknown, ptr: string): unknown {
  if (ptr === '') return doc
  if (!ptr.startsWith('/')) return undefined
  let cur: unknown = doc
  for (const raw of ptr.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[key]
  }
  return cur
}

/** display renders a table cell's value. */
export function display(v: unknown): string {
  if (v === undefined || v === null) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(', ')
  return JSON.stringify(v)
}
