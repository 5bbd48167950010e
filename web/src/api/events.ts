// One EventSource on /api/v1/events for the whole dashboard, shared by the
// pages that listen: task changes and plugin events.
import type { Task } from './types'

export interface TaskEvent {
  kind: 'task'
  task: Task
}

export interface PluginEvent {
  kind: string
  plugin: string
  data: unknown
}

export type DiwanEvent = TaskEvent | PluginEvent

type Listener = (e: DiwanEvent) => void

const listeners = new Set<Listener>()
let source: EventSource | undefined

/** subscribe calls fn for every event until the returned function is called. */
export function subscribe(fn: Listener): () => void {
  listeners.add(fn)
  open()
  return () => {
    listeners.delete(fn)
    if (listeners.size === 0) close()
  }
}

function open(): void {
  if (source || typeof EventSource === 'undefined') return
  source = new EventSource('/api/v1/events')
  // The server ends the stream when the session is revoked or expires;
  // reconnecting would only be refused.
  source.addEventListener('end', () => close())
  source.onmessage = (msg: MessageEvent<string>) => {
    let e: DiwanEvent
    try {
      e = JSON.parse(msg.data) as DiwanEvent
    } catch {
      return
    }
    for (const fn of listeners) fn(e)
  }
}

/** close ends the stream (at sign-out, or when nobody listens). */
export function close(): void {
  source?.close()
  source = undefined
}

/** isTaskEvent tells task changes from plugin events. */
export const isTaskEvent = (e: DiwanEvent): e is TaskEvent => e.kind === 'task'
