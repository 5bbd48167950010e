// Every key exists in both catalogues, and every key the code uses exists.
import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import en from './en'
import ar from './ar'

type Tree = { [k: string]: string | Tree }

function keys(t: Tree, prefix = ''): string[] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, prefix + k + '.')))
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    if (statSync(p).isDirectory()) return sources(p)
    return /\.(vue|ts)$/.test(f) && !f.endsWith('.test.ts') ? [p] : []
  })
}

const src = join(process.cwd(), 'src')
const enKeys = keys(en as Tree)
const arKeys = keys(ar as Tree)

describe('catalogues', () => {
  it('have the same keys in English and Arabic', () => {
    expect(arKeys.filter((k) => !enKeys.includes(k))).toEqual([])
    expect(enKeys.filter((k) => !arKeys.includes(k))).toEqual([])
  })
  it('have no empty text, and Arabic differs from English where it is prose', () => {
    const get = (t: Tree, k: string) => k.split('.').reduce<unknown>((o, s) => (o as Tree)[s], t) as string
    for (const k of enKeys) {
      expect(get(ar as Tree, k), k).not.toBe('')
    }
    expect(arKeys.filter((k) => get(ar as Tree, k) === get(en as Tree, k) && !k.startsWith('locale.'))).toEqual([])
  })
  it('hold every key the code uses', () => {
    const used = new Set<string>()
    const prefixes = new Set<string>()
    for (const f of sources(src)) {
      const text = readFileSync(f, 'utf8')
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'(?!\s*\+)/g)) used.add(m[1]!)
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+\.)'\s*\+/g)) prefixes.add(m[1]!)
    }
    expect(used.size).toBeGreaterThan(100)
    expect([...used].filter((k) => !enKeys.includes(k))).toEqual([])
    for (const p of prefixes) expect(enKeys.some((k) => k.startsWith(p)), p).toBe(true)
  })
  it('cover every task and plugin state the server reports', () => {
    for (const s of ['running', 'succeeded', 'failed', 'interrupted']) expect(enKeys).toContain('task.state.' + s)
    for (const s of ['registered', 'starting', 'running', 'degraded', 'restarting', 'idle', 'stopped', 'failed']) expect(enKeys).toContain('plugins.state.' + s)
  })
})

describe('styles', () => {
  it('use logical properties only, so right-to-left needs no other stylesheet', () => {
    const physical = /(margin|padding|border)-(left|right)\b|(^|[\s;{])(left|right)\s*:|text-align:\s*(left|right)|float:\s*(left|right)/m
    for (const f of [...sources(src), join(src, 'styles.css')]) {
      const text = readFileSync(f, 'utf8')
      const css = f.endsWith('.vue') ? (text.match(/<style[\s\S]*?<\/style>/g) ?? []).join('\n') : f.endsWith('.css') ? text : ''
      expect(physical.test(css), f).toBe(false)
    }
  })
})
