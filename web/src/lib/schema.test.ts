import { describe, expect, it } from 'vitest'
import { clean, display, fieldKind, getPointer, initialValue, type JSONSchema } from './schema'
import { normalizeManifest, localized } from './manifest'
import { toPointer } from '../api/client'
import { newer } from './tasks'
import type { Task } from '../api/types'

const schema: JSONSchema = {
  type: 'object',
  required: ['name'],
  properties: {
    id: { type: 'string', readOnly: true },
    name: { type: 'string' },
    note: { type: 'string' },
    port: { type: 'integer', default: 80 },
    on: { type: 'boolean' },
    mode: { enum: ['a', 'b'] },
    tags: { type: 'array', items: { type: 'string' } },
    nested: { type: 'object', properties: { x: { type: 'number' } } },
  },
}

describe('schema', () => {
  it('chooses a control per type', () => {
    const p = schema.properties!
    expect([p.name, p.port, p.on, p.mode, p.tags, p.nested].map((s) => fieldKind(s!))).toEqual(['string', 'integer', 'boolean', 'enum', 'strings', 'object'])
    expect(fieldKind({ type: 'array', items: { type: 'object' } })).toBe('json')
  })
  it('starts from defaults and leaves read-only fields out', () => {
    expect(initialValue(schema)).toEqual({ port: 80, on: false, tags: [], nested: {} })
  })
  it('drops read-only fields and empty optional strings, keeps required ones', () => {
    expect(clean(schema, { id: 'x', name: '', note: '', port: 8 })).toEqual({ name: '', port: 8 })
  })
  it('reads JSON Pointers', () => {
    const doc = { a: { 'b/c': [1, 2], 'd~e': 'x' } }
    expect(getPointer(doc, '/a/b~1c/1')).toBe(2)
    expect(getPointer(doc, '/a/d~0e')).toBe('x')
    expect(getPointer(doc, '/nope/x')).toBeUndefined()
    expect(display(['a', 'b'])).toBe('a, b')
  })
  it('names server fields as pointers', () => {
    expect(toPointer('/name')).toBe('/name')
    expect(toPointer('username')).toBe('/username')
    expect(toPointer('a.b')).toBe('/a/b')
  })
})

describe('manifest', () => {
  it('normalizes the contract JSON', () => {
    const m = normalizeManifest({
      id: 'hello',
      name: { by_locale: { en: 'Hello', ar: 'مرحبا' } },
      activation: 'ACTIVATION_ON_DEMAND',
      permissions: [{ name: 'kv', reason: { by_locale: { en: 'Stores' } } }],
      settings_schema: '{"type":"object","properties":{"greeting":{"type":"string"}}}',
      resource_kinds: [{ kind: 'greeting', schema: '{"type":"object"}', columns: [{ field: '/name', title: { by_locale: { en: 'Name' } } }] }],
      actions: [{ name: 'wave', input_schema: 'not json' }],
    })
    expect(m.activation).toBe('on-demand')
    expect(localized(m.name, 'ar')).toBe('مرحبا')
    expect(localized(m.permissions[0]!.reason, 'ar')).toBe('Stores')
    expect(m.settings.properties?.greeting?.type).toBe('string')
    expect(m.kinds[0]!.columns[0]!.field).toBe('/name')
    expect(m.actions[0]!.input).toEqual({ type: 'object', properties: {} })
  })
})

describe('tasks', () => {
  const task = (state: Task['state'], at: string) => ({ id: '1', state, updated_at: at }) as Task
  it('never lets a late answer undo a finished task', () => {
    expect(newer(task('running', '2026-01-01T00:00:00Z'), task('succeeded', '2026-01-01T00:00:01Z'))).toBe(false)
    expect(newer(task('succeeded', '2026-01-01T00:00:02Z'), task('running', '2026-01-01T00:00:01Z'))).toBe(true)
  })
})
