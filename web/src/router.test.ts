import { describe, expect, it } from 'vitest'
import { routes } from './router'
import clientRoutes from './routes.json'

// The core answers only the first segments in routes.json with index.html:
// a route missing there would 404 on reload.
describe('routes', () => {
  it('are all listed in routes.json', () => {
    const firsts = routes.map((r) => r.path.split('/')[1] ?? '').filter((s) => s !== '' && !s.startsWith(':'))
    expect(firsts.length).toBeGreaterThan(5)
    expect(firsts.filter((s) => !clientRoutes.includes(s))).toEqual([])
  })
})
