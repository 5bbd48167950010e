// Fails the build when the first page load is over budget: the gzip size of
// index.html's entry chunk, every chunk it imports statically (recursively),
// and their CSS. Lazily loaded route chunks are listed but not counted.
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'

export const BUDGET = 250 * 1024

/** firstLoad lists the files the browser fetches before the first page renders. */
export function firstLoad(manifest) {
  const entry = Object.values(manifest).find((c) => c.isEntry)
  if (!entry) throw new Error('budget: the vite manifest has no entry chunk')
  const files = new Set()
  const visit = (chunk) => {
    if (files.has(chunk.file)) return
    files.add(chunk.file)
    for (const css of chunk.css ?? []) files.add(css)
    for (const key of chunk.imports ?? []) {
      const dep = manifest[key]
      if (dep) visit(dep)
    }
  }
  visit(entry)
  return [...files]
}

/** gzipSize is the size of a file's gzip form (level 9, as the server sends it). */
export const gzipSize = (path) => gzipSync(readFileSync(path), { level: 9 }).length

function main() {
  const dist = new URL('../dist/', import.meta.url).pathname
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'))
  const files = ['index.html', ...firstLoad(manifest)]
  let total = 0
  for (const f of files) {
    const n = gzipSize(join(dist, f))
    total += n
    console.log(`  first load  ${(n / 1024).toFixed(1).padStart(7)} KB gzip  ${f}`)
  }
  const lazy = Object.values(manifest).filter((c) => !files.includes(c.file))
  const lazyTotal = lazy.reduce((s, c) => s + gzipSize(join(dist, c.file)), 0)
  console.log(`first page load: ${(total / 1024).toFixed(1)} KB gzip (budget ${BUDGET / 1024} KB); ${lazy.length} lazy chunks: ${(lazyTotal / 1024).toFixed(1)} KB gzip`)
  if (total > BUDGET) {
    console.error(`budget: the first page load is ${(total / 1024).toFixed(1)} KB gzip, over ${BUDGET / 1024} KB`)
    process.exit(1)
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) main()
