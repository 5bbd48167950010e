// vue-i18n with the English and Arabic catalogues, the <html> lang and dir
// that follow the locale, and the choice kept in localStorage.
import { createI18n } from 'vue-i18n'
import en from './en'
import ar from './ar'

export const locales = ['en', 'ar'] as const
export type Locale = (typeof locales)[number]
const rtl: ReadonlySet<string> = new Set(['ar'])
const storageKey = 'diwan.locale'

export type Messages = typeof en

function initialLocale(): Locale {
  const saved = safeStorage()?.getItem(storageKey)
  if (saved && (locales as readonly string[]).includes(saved)) return saved as Locale
  const nav = typeof navigator !== 'undefined' ? navigator.language.slice(0, 2) : 'en'
  return nav === 'ar' ? 'ar' : 'en'
}

function safeStorage(): Storage | undefined {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : undefined
  } catch {
    return undefined
  }
}

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en',
  messages: { en, ar },
  missingWarn: false,
  fallbackWarn: false,
})

/** applyLocale sets <html lang dir> for the current locale. */
export function applyLocale(locale: Locale = i18n.global.locale.value): void {
  document.documentElement.lang = locale
  document.documentElement.dir = rtl.has(locale) ? 'rtl' : 'ltr'
}

/** setLocale switches the language and remembers it. */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  safeStorage()?.setItem(storageKey, locale)
  applyLocale(locale)
}
