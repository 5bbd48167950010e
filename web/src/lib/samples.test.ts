import { describe, expect, it } from 'vitest'
import { alertOf, isAlertEvent, isSample, parseSample, pushSample, sortAlerts, Window, type Sample } from './samples'

// The monitoring plugin's event, as loop.go's eventOf marshals it.
const wire = { t: 1767312000, cpu: 0.1234, mem: 0.5, swap: 0, load: [0.5, 0.25, 0.1], rx: 1024, tx: 2048, read: 0, write: 4096, procs: 123 }

describe('samples', () => {
  it('reads the plugin event exactly', () => {
    expect(parseSample(wire)).toEqual(wire)
  })
  it('refuses anything else', () => {
    expect(parseSample(null)).toBeUndefined()
    expect(parseSample({ ...wire, cpu: '12%' })).toBeUndefined()
    expect(parseSample({ ...wire, load: [1] })).toBeUndefined()
    const { procs: _, ...missing } = wire
    expect(parseSample(missing)).toBeUndefined()
  })
  it('tells monitoring samples and alerts from other events', () => {
    expect(isSample({ kind: 'plugin.sample', plugin: 'monitoring' })).toBe(true)
    expect(isSample({ kind: 'plugin.sample', plugin: 'hello' })).toBe(false)
    expect(isAlertEvent({ kind: 'plugin.alert', plugin: 'monitoring' })).toBe(true)
    expect(isAlertEvent({ kind: 'task' })).toBe(false)
  })
  it('keeps a bounded window in time order', () => {
    let list: Sample[] = []
    for (let i = 0; i < Window + 10; i++) list = pushSample(list, { ...(wire as Sample), t: i })
    expect(list.length).toBe(Window)
    expect(list[0]!.t).toBe(10)
    expect(pushSample(list, { ...(wire as Sample), t: 5 })).toBe(list)
  })
  it('reads alerts and puts firing ones first', () => {
    const a = (id: string, state: string, since: string) => alertOf(id, { name: id, metric: 'cpu_usage_ratio', condition: '>', threshold: 0.9, enabled: true, status: { state, since } })!
    expect(alertOf('x', { name: 'x' })).toBeUndefined()
    const sorted = sortAlerts([a('old-ok', 'ok', '2026-01-01T00:00:00Z'), a('pend', 'pending', '2026-01-01T00:00:00Z'), a('fire', 'firing', '2026-01-01T00:00:00Z'), a('new-ok', 'resolved', '2026-01-02T00:00:00Z')])
    expect(sorted.map((x) => x.id)).toEqual(['fire', 'pend', 'new-ok', 'old-ok'])
  })
})
