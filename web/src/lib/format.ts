// Numbers, dates and durations formatted for the locale with Intl.

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>()

function memo<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined
  if (!f) {
    f = make()
    cache.set(key, f)
  }
  return f
}

/** formatNumber formats n for locale, with up to digits fraction digits. */
export function formatNumber(locale: string, n: number, digits = 0): string {
  return memo(`n:${locale}:${digits}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: digits })).format(n)
}

/** formatPercent formats a fraction (0.5) as a percentage. */
export function formatPercent(locale: string, fraction: number): string {
  return memo(`p:${locale}`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })).format(fraction)
}

/** formatBytes formats a byte count with a binary unit. */
export function formatBytes(locale: string, n: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const
  let i = 0
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024
    i++
  }
  const unit = units[i] ?? 'byte'
  return memo(`b:${locale}:${unit}`, () => new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 })).format(n)
}

/** formatDate formats an ISO time (or Date) as date and time. */
export function formatDate(locale: string, when: string | Date | undefined | null): string {
  if (!when) return ''
  const d = typeof when === 'string' ? new Date(when) : when
  if (Number.isNaN(d.getTime())) return ''
  return memo(`d:${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(d)
}

/** formatTime formats an ISO time to the second, for log lines. */
export function formatTime(locale: string, when: string): string {
  const d = new Date(when)
  if (Number.isNaN(d.getTime())) return when
  return memo(`t:${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' })).format(d)
}

/** formatClock formats a unix time (seconds) as a time of day to the second, for chart axes. */
export function formatClock(locale: string, unixSeconds: number): string {
  return memo(`c:${locale}`, () => new Intl.DateTimeFormat(locale, { timeStyle: 'medium' })).format(new Date(unixSeconds * 1000))
}

/** formatDuration formats seconds as days, hours and minutes. */
export function formatDuration(locale: string, seconds: number): string {
  const d = Math.floor(seconds / 86400)
  const h = Math.floor((seconds % 86400) / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const parts: string[] = []
  const unit = (u: 'day' | 'hour' | 'minute', v: number) =>
    memo(`u:${locale}:${u}`, () => new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' })).format(v)
  if (d) parts.push(unit('day', d))
  if (h || d) parts.push(unit('hour', h))
  parts.push(unit('minute', m))
  return parts.join(' ')
}
