import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain Node script without types
import { firstLoad, BUDGET } from './budget.mjs'

describe('budget', () => {
  it('counts the entry, its static imports and their CSS, not lazy chunks', () => {
    const manifest = {
      'index.html': { file: 'assets/index.js', isEntry: true, imports: ['_vendor'], css: ['assets/index.css'], dynamicImports: ['lazy.vue'] },
      _vendor: { file: 'assets/vendor.js', imports: ['index.html'] },
      'lazy.vue': { file: 'assets/lazy.js', css: ['assets/lazy.css'] },
    }
    expect(firstLoad(manifest).sort()).toEqual(['assets/index.css', 'assets/index.js', 'assets/vendor.js'])
    expect(BUDGET).toBe(250 * 1024)
  })
  it('refuses a manifest without an entry', () => {
    expect(() => firstLoad({})).toThrow(/no entry/)
  })
})
