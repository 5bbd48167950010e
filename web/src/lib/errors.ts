// Error messages in the user's language: known API error codes have their
// own text; others show the server's (English) message.
import { ApiError } from '../api/client'
import { i18n } from '../i18n'

/** errorText returns the message to show for any thrown value. */
export function errorText(e: unknown): string {
  if (!e) return ''
  const { t, te } = i18n.global
  if (e instanceof ApiError) {
    const key = 'errors.' + e.code
    if (e.field === undefined && te(key)) return t(key)
    return e.message
  }
  return e instanceof Error ? e.message : String(e)
}
