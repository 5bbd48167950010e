// Manifests fetched once per plugin and version, shared by the pages.
import { get } from '../api/client'
import { normalizeManifest, type Manifest } from './manifest'

const cache = new Map<string, Promise<Manifest>>()

/** manifestOf returns the plugin's manifest. */
export function manifestOf(id: string, version = ''): Promise<Manifest> {
  const key = id + '@' + version
  let p = cache.get(key)
  if (!p) {
    p = get<unknown>('/plugins/' + encodeURIComponent(id) + '/manifest').then(normalizeManifest)
    p.catch(() => cache.delete(key))
    cache.set(key, p)
  }
  return p
}
