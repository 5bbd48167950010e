// Who is signed in, shared by every page.
import { reactive } from 'vue'
import { get, post, setCSRF } from '../api/client'
import type { Me, Role, SignedIn } from '../api/types'
import { close } from '../api/events'

export const session = reactive<{ me: Me | null; loaded: boolean }>({ me: null, loaded: false })

const levels: Record<Role, number> = { viewer: 1, operator: 2, admin: 3 }

/** can reports whether the signed-in user has at least role. */
export function can(role: Role): boolean {
  return !!session.me && levels[session.me.role] >= levels[role]
}

/** load asks the server who is signed in (null when nobody). */
export async function load(): Promise<Me | null> {
  try {
    const me = await get<Me>('/auth/me')
    setCSRF(me.csrf_token ?? '')
    session.me = me
  } catch {
    session.me = null
  }
  session.loaded = true
  return session.me
}

/** signedIn records a login or setup answer, then reloads the identity. */
export async function signedIn(s: SignedIn): Promise<void> {
  setCSRF(s.csrf_token)
  await load()
}

/** logout ends the session on the server and here. */
export async function logout(): Promise<void> {
  close()
  try {
    await post('/auth/logout')
  } finally {
    setCSRF('')
    session.me = null
  }
}
