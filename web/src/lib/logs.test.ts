import { describe, expect, it } from 'vitest'
import { fieldsText, levelClass, logQuery, pageSize, sources, toRFC3339, type LogFilters } from './logs'

const none: LogFilters = { source: '', level: '', q: '', since: '', until: '' }

describe('logs', () => {
  it('asks for one page of everything by default', () => {
    expect(logQuery(none)).toBe('?limit=' + pageSize)
  })
  it('sends each filter under the API name, times in RFC 3339', () => {
    const q = new URLSearchParams(logQuery({ source: 'plugin.hello', level: 'warn', q: '  slow  ', since: '2026-01-02T03:04:05', until: '2026-01-03T00:00' }))
    expect(q.get('source')).toBe('plugin.hello')
    expect(q.get('level')).toBe('warn')
    expect(q.get('q')).toBe('slow')
    expect(q.get('since')).toBe(new Date('2026-01-02T03:04:05').toISOString())
    expect(q.get('until')).toBe(new Date('2026-01-03T00:00').toISOString())
    expect(q.get('since')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  })
  it('pages back from the oldest entry shown, whatever until says', () => {
    const q = new URLSearchParams(logQuery({ ...none, until: '2026-01-03T00:00' }, '2026-01-02T10:00:00.123456Z'))
    expect(q.get('until')).toBe('2026-01-02T10:00:00.123456Z')
  })
  it('leaves a time it cannot read for the server to refuse', () => {
    expect(toRFC3339('yesterday')).toBe('yesterday')
  })
  it('colours known levels and treats others as info', () => {
    expect(levelClass('error')).toBe('level level-error')
    expect(levelClass('loud')).toBe('level level-info')
  })
  it('renders fields as key=value', () => {
    expect(fieldsText({ path: '/x', status: 200, tags: ['a'] })).toBe('path=/x status=200 tags=["a"]')
    expect(fieldsText(undefined)).toBe('')
  })
  it('offers the core parts, every plugin, and each plugin sorted', () => {
    const s = sources(['zeta', 'hello'])
    expect(s.slice(-3)).toEqual(['plugin.', 'plugin.hello', 'plugin.zeta'])
    expect(s[0]).toBe('core')
  })
})
