// Live tasks: a list loaded once and kept current by task events.
import { onBeforeUnmount, reactive } from 'vue'
import { get } from '../api/client'
import { subscribe, isTaskEvent } from '../api/events'
import type { Task } from '../api/types'

/** useTasks keeps tasks (newest first) current while the component lives. */
export function useTasks(query = '') {
  const state = reactive<{ list: Task[]; error: unknown }>({ list: [], error: null })
  const upsert = (t: Task) => {
    const i = state.list.findIndex((x) => x.id === t.id)
    const old = state.list[i]
    if (!old) state.list.unshift(t)
    else if (newer(t, old)) state.list.splice(i, 1, t)
  }
  const off = subscribe((e) => {
    if (isTaskEvent(e)) upsert(e.task)
  })
  onBeforeUnmount(off)
  async function reload(q = query) {
    try {
      state.list = await get<Task[]>('/tasks' + q)
      state.error = null
    } catch (e) {
      state.error = e
    }
  }
  void reload()
  return { state, upsert, reload }
}

/**
 * newer reports whether t is a later view of the same task than old: the
 * answer to the request that started a task can arrive after its events.
 */
export function newer(t: Task, old: Task): boolean {
  if (old.state !== 'running' && t.state === 'running') return false
  return Date.parse(t.updated_at) >= Date.parse(old.updated_at)
}
