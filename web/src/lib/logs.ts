// The panel's log as GET /api/v1/logs answers it, and the query the logs
// page sends: filters, and paging back through older entries.

/** LogEntry is one log line, as the core's logstore returns it. */
export interface LogEntry {
  time: string
  level: string
  source: string
  message: string
  fields?: Record<string, unknown>
}

/** Levels, least severe first, as the API accepts them. */
export const logLevels = ['trace', 'debug', 'info', 'warn', 'error'] as const

/** LogFilters are the page's filters; empty strings select everything. */
export interface LogFilters {
  source: string
  level: string
  q: string
  since: string
  until: string
}

/** pageSize is how many entries one page asks for. */
export const pageSize = 100

/** toRFC3339 turns a datetime-local value (local time) into an RFC 3339 UTC time. */
export function toRFC3339(local: string): string {
  const d = new Date(local)
  return Number.isNaN(d.getTime()) ? local : d.toISOString()
}

/**
 * logQuery builds the query string for filters; before, when given, is
 * the oldest time already shown, so that the answer holds the entries
 * older than it (the API's until is exclusive).
 */
export function logQuery(f: LogFilters, before?: string): string {
  const q = new URLSearchParams({ limit: String(pageSize) })
  if (f.source) q.set('source', f.source)
  if (f.level) q.set('level', f.level)
  if (f.q.trim()) q.set('q', f.q.trim())
  if (f.since) q.set('since', toRFC3339(f.since))
  if (before) q.set('until', before)
  else if (f.until) q.set('until', toRFC3339(f.until))
  return '?' + q.toString()
}

/** levelClass is the CSS class that colours a level. */
export function levelClass(level: string): string {
  return 'level level-' + ((logLevels as readonly string[]).includes(level) ? level : 'info')
}

/** fieldsText renders an entry's fields as key=value pairs. */
export function fieldsText(fields: Record<string, unknown> | undefined): string {
  if (!fields) return ''
  return Object.entries(fields)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ')
}

/** coreSources are the core's parts that log under their own name. */
export const coreSources = ['core', 'http', 'audit', 'plugins', 'scheduler'] as const

/** sources lists the choices of the source filter: the core's parts, every plugin, and each installed plugin. */
export function sources(pluginIds: string[]): string[] {
  return [...coreSources, 'plugin.', ...[...pluginIds].sort().map((id) => 'plugin.' + id)]
}
