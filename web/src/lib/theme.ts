// Light and dark themes: the system's choice unless the operator picked
// one, kept in localStorage and set as <html data-theme>.
import { ref } from 'vue'

export type Theme = 'system' | 'light' | 'dark'
const key = 'diwan.theme'

function saved(): Theme {
  try {
    const v = localStorage.getItem(key)
    return v === 'light' || v === 'dark' ? v : 'system'
  } catch {
    return 'system'
  }
}

export const theme = ref<Theme>(saved())

/** applyTheme sets data-theme on <html>; "system" removes it. */
export function applyTheme(t: Theme = theme.value): void {
  if (t === 'system') delete document.documentElement.dataset.theme
  else document.documentElement.dataset.theme = t
}

/** setTheme chooses and remembers a theme. */
export function setTheme(t: Theme): void {
  theme.value = t
  try {
    localStorage.setItem(key, t)
  } catch {
    /* private mode: the choice lasts for this page */
  }
  applyTheme(t)
}
