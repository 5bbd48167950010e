// A plugin's manifest as the dashboard uses it, from the contract's JSON
// form that GET /api/v1/plugins/{id}/manifest returns (texts by locale,
// schemas as strings).
import type { JSONSchema } from './schema'

/** Text is one string in several languages, keyed by BCP 47 tag. */
export type Text = Record<string, string>

export interface Column {
  field: string
  title: Text
}

export interface ResourceKind {
  kind: string
  title: Text
  schema: JSONSchema
  columns: Column[]
}

export interface Action {
  name: string
  title: Text
  input: JSONSchema
  destructive: boolean
}

export interface Permission {
  name: string
  reason: Text
}

export interface Manifest {
  id: string
  version: string
  name: Text
  description: Text
  activation: string
  permissions: Permission[]
  settings: JSONSchema
  kinds: ResourceKind[]
  actions: Action[]
}

type Raw = Record<string, unknown>

const obj = (v: unknown): Raw => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {})
const list = (v: unknown): Raw[] => (Array.isArray(v) ? v.map(obj) : [])
const str = (v: unknown): string => (typeof v === 'string' ? v : '')

function text(v: unknown): Text {
  const by = obj(obj(v).by_locale)
  const out: Text = {}
  for (const [k, s] of Object.entries(by)) if (typeof s === 'string') out[k] = s
  return out
}

/** parseSchema reads a schema string; an empty or broken one is an empty object schema. */
export function parseSchema(s: unknown): JSONSchema {
  if (typeof s !== 'string' || s.trim() === '') return { type: 'object', properties: {} }
  try {
    const v = JSON.parse(s) as unknown
    return v && typeof v === 'object' ? (v as JSONSchema) : { type: 'object', properties: {} }
  } catch {
    return { type: 'object', properties: {} }
  }
}

/** normalizeManifest turns the contract's JSON into a Manifest. */
export function normalizeManifest(raw: unknown): Manifest {
  const m = obj(raw)
  return {
    id: str(m.id),
    version: str(m.version),
    name: text(m.name),
    description: text(m.description),
    activation: str(m.activation).replace(/^ACTIVATION_/, '').toLowerCase().replace('_', '-'),
    permissions: list(m.permissions).map((p) => ({ name: str(p.name), reason: text(p.reason) })),
    settings: parseSchema(m.settings_schema),
    kinds: list(m.resource_kinds).map((k) => ({
      kind: str(k.kind),
      title: text(k.title),
      schema: parseSchema(k.schema),
      columns: list(k.columns).map((c) => ({ field: str(c.field), title: text(c.title) })),
    })),
    actions: list(m.actions).map((a) => ({
      name: str(a.name),
      title: text(a.title),
      input: parseSchema(a.input_schema),
      destructive: a.destructive === true,
    })),
  }
}

/** localized picks the locale's text, else English, else any, else fallback. */
export function localized(t: Text | undefined, locale: string, fallback = ''): string {
  if (!t) return fallback
  return t[locale] ?? t.en ?? Object.values(t)[0] ?? fallback
}
