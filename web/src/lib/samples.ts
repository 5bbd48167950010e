// Live host figures from the monitoring plugin's sample events:
// {"kind":"plugin.sample","plugin":"monitoring","data":{...}}, where data is
// the plugin's event (plugins/monitoring/internal/plugin/loop.go):
// {"t":unix seconds,"cpu","mem","swap":ratios 0..1,"load":[1m,5m,15m],
//  "rx","tx":network bytes/s,"read","write":disk bytes/s,"procs":count}.

/** Sample is one sample event's data. */
export interface Sample {
  t: number
  cpu: number
  mem: number
  swap: number
  load: [number, number, number]
  rx: number
  tx: number
  read: number
  write: number
  procs: number
}

/** parseSample reads one sample event's data; anything else is undefined. */
export function parseSample(data: unknown): Sample | undefined {
  if (!data || typeof data !== 'object') return undefined
  const d = data as Record<string, unknown>
  const nums = ['t', 'cpu', 'mem', 'swap', 'rx', 'tx', 'read', 'write', 'procs'] as const
  if (!nums.every((k) => typeof d[k] === 'number' && Number.isFinite(d[k]))) return undefined
  const load = d.load
  if (!Array.isArray(load) || load.length !== 3 || !load.every((v) => typeof v === 'number')) return undefined
  return d as unknown as Sample
}

/** isSample tells a monitoring sample among the dashboard's events. */
export function isSample(e: { kind: string; plugin?: string }): boolean {
  return e.kind === 'plugin.sample' && e.plugin === 'monitoring'
}

/** isAlertEvent tells a monitoring alert's state change among the dashboard's events. */
export function isAlertEvent(e: { kind: string; plugin?: string }): boolean {
  return e.kind === 'plugin.alert' && e.plugin === 'monitoring'
}

/** Window is how many samples the live charts keep (ten minutes at the default 1 s interval). */
export const Window = 600

/** pushSample appends s to the window, dropping the oldest beyond Window and any out-of-order repeat. */
export function pushSample(list: Sample[], s: Sample): Sample[] {
  const last = list[list.length - 1]
  if (last && s.t <= last.t) return list
  return [...list.slice(-(Window - 1)), s]
}

/** Alert is the monitoring plugin's alert resource, as the overview shows it. */
export interface Alert {
  id: string
  name: string
  metric: string
  condition: string
  threshold: number
  enabled: boolean
  status: { state: string; since: string }
}

/** alertOf reads an alert resource's data, undefined when it is not one. */
export function alertOf(id: string, data: unknown): Alert | undefined {
  const d = data as Partial<Alert> | null
  if (!d || typeof d.name !== 'string' || typeof d.metric !== 'string' || !d.status || typeof d.status.state !== 'string') return undefined
  return { id, name: d.name, metric: d.metric, condition: d.condition ?? '', threshold: d.threshold ?? 0, enabled: d.enabled !== false, status: d.status }
}

/** sortAlerts orders alerts: firing, then pending, then the rest; newer changes first within each. */
export function sortAlerts(list: Alert[]): Alert[] {
  const rank = (s: string) => (s === 'firing' ? 0 : s === 'pending' ? 1 : 2)
  return [...list].sort((a, b) => rank(a.status.state) - rank(b.status.state) || Date.parse(b.status.since) - Date.parse(a.status.since))
}
